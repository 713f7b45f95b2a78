//! The sandbox payment gateway's signing key: an Ed25519 key stored under
//! `<data>/sandbox/gateway-key.pk8`, whose public half the portal verifies callbacks with.

use base64::Engine;
use ring::signature::{Ed25519KeyPair, KeyPair};
use std::path::Path as FsPath;

/// The gateway's signing key.
pub struct GatewayKeys {
    key: Ed25519KeyPair,
}

impl GatewayKeys {
    pub fn open(dir: &FsPath) -> anyhow::Result<GatewayKeys> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("gateway-key.pk8");
        let pkcs8 = if path.exists() {
            std::fs::read(&path)?
        } else {
            let doc = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new())
                .map_err(|_| anyhow::anyhow!("key generation"))?;
            std::fs::write(&path, doc.as_ref())?;
            doc.as_ref().to_vec()
        };
        let key = Ed25519KeyPair::from_pkcs8(&pkcs8)
            .map_err(|_| anyhow::anyhow!("gateway key is not valid PKCS#8"))?;
        Ok(GatewayKeys { key })
    }

    pub fn public_key(&self) -> Vec<u8> {
        self.key.public_key().as_ref().to_vec()
    }

    pub fn sign(&self, body: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.key.sign(body).as_ref())
    }
}
