//! Document storage: attachments and licence PDFs, addressed by their SHA-256, behind the
//! `object_store` crate: a local folder by default, S3-compatible storage when `STORAGE_URL`
//! is `s3://bucket[/prefix]` (endpoint, region and keys from the usual `AWS_*` settings, read
//! by `Config`), so
//! several instances of the portal serve the same documents.

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Why a document could not be stored or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not a SHA-256: {0}")]
    NotAHash(String),
    #[error("document store: {0}")]
    Store(#[from] object_store::Error),
}

#[derive(Clone)]
pub struct DocumentStore {
    store: Arc<dyn ObjectStore>,
    /// Where, for the logs and readiness (`file:…` or `s3://…`).
    pub location: String,
}

impl std::fmt::Debug for DocumentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentStore")
            .field("location", &self.location)
            .finish()
    }
}

impl DocumentStore {
    /// A local folder.
    pub fn local(root: std::path::PathBuf) -> anyhow::Result<DocumentStore> {
        std::fs::create_dir_all(&root)?;
        Ok(DocumentStore {
            location: format!("file:{}", root.display()),
            store: Arc::new(LocalFileSystem::new_with_prefix(&root)?),
        })
    }

    /// The store `STORAGE_URL` names: unset or `file` for the local folder, `s3://bucket` (with
    /// an optional prefix) for S3-compatible storage.
    pub fn from_setting(
        setting: Option<&str>,
        options: &[(String, String)],
        local_root: std::path::PathBuf,
    ) -> anyhow::Result<DocumentStore> {
        match setting.map(str::trim) {
            None | Some("") | Some("file") => Self::local(local_root),
            Some(url) if url.starts_with("s3://") => {
                let mut builder = AmazonS3Builder::new().with_url(url);
                for (key, value) in options {
                    builder = builder.with_config(key.parse()?, value);
                }
                let store = builder.build()?;
                Ok(DocumentStore {
                    location: url.to_owned(),
                    store: Arc::new(store),
                })
            }
            Some(other) => anyhow::bail!("STORAGE_URL {other}: expected file or s3://bucket"),
        }
    }

    fn path(sha256: &str) -> Result<StorePath, StoreError> {
        let ok = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        if !ok {
            return Err(StoreError::NotAHash(sha256.to_owned()));
        }
        Ok(StorePath::from(format!("{}/{sha256}", &sha256[..2])))
    }

    /// Stores bytes and returns their SHA-256 (hex). The same bytes are stored once; a write
    /// is whole or absent.
    pub async fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let path = Self::path(&sha)?;
        match self.store.head(&path).await {
            Ok(_) => return Ok(sha),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        self.store
            .put(&path, PutPayload::from(bytes.to_vec()))
            .await?;
        Ok(sha)
    }

    pub async fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = Self::path(sha256)?;
        Ok(self.store.get(&path).await?.bytes().await?.to_vec())
    }

    /// Removes a document (one no record refers to any more).
    pub async fn delete(&self, sha256: &str) -> Result<(), StoreError> {
        let path = Self::path(sha256)?;
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the store takes a write now (readiness): a small probe written and removed.
    pub async fn writable(&self) -> Result<(), StoreError> {
        let probe = StorePath::from(format!("probe/{}", crate::db::new_id()));
        self.store
            .put(&probe, PutPayload::from_static(b"ready"))
            .await?;
        self.store.delete(&probe).await?;
        Ok(())
    }
}
