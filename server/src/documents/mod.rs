//! Document storage: attachments and licence PDFs, addressed by their SHA-256.
//!
//! A local folder by default. The interface is content-addressed (`put` returns the hash,
//! `get` takes it), which is what an S3-compatible store needs too.

use sha2::{Digest, Sha256};
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct DocumentStore {
    root: PathBuf,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl DocumentStore {
    pub fn local(root: PathBuf) -> std::io::Result<DocumentStore> {
        std::fs::create_dir_all(&root)?;
        Ok(DocumentStore { root })
    }

    fn path(&self, sha256: &str) -> Option<PathBuf> {
        let ok = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores bytes and returns their SHA-256 (hex). Writing is atomic: a crash leaves either
    /// the whole file or none.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha).expect("hex digest");
        if tokio::fs::try_exists(&path).await? {
            return Ok(sha);
        }
        tokio::fs::create_dir_all(path.parent().expect("has parent")).await?;
        let tmp = path.with_extension(format!("tmp{}", crate::db::new_id()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
        Ok(sha)
    }

    pub async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(sha256).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a SHA-256")
        })?;
        tokio::fs::read(path).await
    }
}
