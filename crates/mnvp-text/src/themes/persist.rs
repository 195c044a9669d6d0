//! Model files: one file, `theme-model.bin`, in the model directory.
//!
//! Layout: the 8-byte magic `MNVPTHM\n`, a little-endian u32 format version, a u64 length and
//! that many bytes of JSON header (codebook, settings, calibration, thresholds), a u64 length
//! and that many bytes of little-endian arrays (feature keys u64, idf f32, weights f32), then
//! the SHA-256 of everything before it. A file that is truncated, edited or of another version
//! is refused with a clear error rather than misread.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::calibrate::Platt;
use super::features::{FeatureConfig, FeatureSpace};
use super::model::{Kind, Linear, ThemeModel};
use super::phrases::PhraseMatcher;
use super::{Codebook, Params};

pub const MODEL_FILE: &str = "theme-model.bin";
const MAGIC: &[u8; 8] = b"MNVPTHM\n";
/// Version of the file layout and header; bump when either changes.
pub const FORMAT_VERSION: u32 = 1;

/// Why a model could not be saved or loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{0}: not an MNVP Hub theme model file")]
    NotAModel(PathBuf),
    #[error("{path}: model format version {found} is not supported (this build reads version {supported}); retrain the model")]
    UnsupportedVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{0}: the model file is damaged (checksum mismatch or truncated); retrain or restore it"
    )]
    Corrupt(PathBuf),
    #[error("{path}: the model file is inconsistent: {message}")]
    Malformed { path: PathBuf, message: String },
}

#[derive(Serialize, Deserialize)]
struct Header {
    engine: String,
    kind: String,
    codebook: Codebook,
    #[serde(default)]
    linear: Option<LinearHeader>,
}

#[derive(Serialize, Deserialize)]
struct LinearHeader {
    features: FeatureConfig,
    dim: usize,
    n_out: usize,
    bias: f32,
    platt: Vec<Platt>,
    thresholds: Vec<f32>,
    has_sentiment: bool,
    sentiment_scale: Vec<f32>,
    params: Params,
    trained_on: usize,
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> ModelError {
    ModelError::Io {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

impl ThemeModel {
    /// Writes the model to `dir/theme-model.bin` (creating `dir`), atomically.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<(), ModelError> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
        let path = dir.join(MODEL_FILE);
        let bytes = self.to_bytes().map_err(|e| io_err(&path, e))?;
        let tmp = dir.join(format!("{MODEL_FILE}.tmp"));
        fs::write(&tmp, &bytes).map_err(|e| io_err(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| io_err(&path, e))
    }

    /// The model in the file layout described above, for storing elsewhere (a database).
    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut payload = Vec::new();
        let linear = match &self.kind {
            Kind::Phrases(_) => None,
            Kind::Linear(l) => {
                payload.reserve(l.space.dim() * 12 + l.weights.len() * 4);
                for k in &l.space.keys {
                    payload.extend_from_slice(&k.to_le_bytes());
                }
                for v in l.space.idf.iter().chain(&l.weights) {
                    payload.extend_from_slice(&v.to_le_bytes());
                }
                Some(LinearHeader {
                    features: l.space.config,
                    dim: l.space.dim(),
                    n_out: l.n_out,
                    bias: l.bias,
                    platt: l.platt.clone(),
                    thresholds: l.thresholds.clone(),
                    has_sentiment: l.has_sentiment,
                    sentiment_scale: l.sentiment_scale.clone(),
                    params: l.params.clone(),
                    trained_on: l.trained_on,
                })
            }
        };
        let header = Header {
            engine: "mnvp-text themes".into(),
            kind: if linear.is_some() {
                "linear-svm"
            } else {
                "indicative-phrases"
            }
            .into(),
            codebook: self.codebook.clone(),
            linear,
        };
        let header = serde_json::to_vec(&header)?;
        let mut bytes = Vec::with_capacity(header.len() + payload.len() + 64);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let digest = Sha256::digest(&bytes);
        bytes.extend_from_slice(&digest);
        Ok(bytes)
    }

    /// Reads a model written by [`ThemeModel::save`].
    pub fn load(dir: impl AsRef<Path>) -> Result<ThemeModel, ModelError> {
        let path = dir.as_ref().join(MODEL_FILE);
        let bytes = fs::read(&path).map_err(|e| io_err(&path, e))?;
        Self::from_bytes(&bytes, &path)
    }

    /// Reads a model from bytes made by [`ThemeModel::to_bytes`]; `origin` names where they
    /// came from in error messages (a file, or "model version 3").
    pub fn from_bytes(bytes: &[u8], origin: impl AsRef<Path>) -> Result<ThemeModel, ModelError> {
        let path = origin.as_ref().to_owned();
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel(path));
        }
        if bytes.len() < MAGIC.len() + 4 + 32 {
            return Err(ModelError::Corrupt(path));
        }
        let (body, digest) = bytes.split_at(bytes.len() - 32);
        if Sha256::digest(body).as_slice() != digest {
            return Err(ModelError::Corrupt(path));
        }
        let mut r = Cursor {
            bytes: body,
            pos: MAGIC.len(),
            path: &path,
        };
        let version = u32::from_le_bytes(r.array()?);
        if version != FORMAT_VERSION {
            return Err(ModelError::UnsupportedVersion {
                path,
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let header_len = r.len()?;
        let header: Header =
            serde_json::from_slice(r.take(header_len)?).map_err(|e| ModelError::Malformed {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let payload_len = r.len()?;
        let mut p = Cursor {
            bytes: r.take(payload_len)?,
            pos: 0,
            path: &path,
        };
        let malformed = |m: &str| ModelError::Malformed {
            path: path.clone(),
            message: m.to_owned(),
        };
        let kind = match header.linear {
            None => Kind::Phrases(PhraseMatcher::new(&header.codebook)),
            Some(h) => {
                let t = header.codebook.len();
                let expected_out = t + if h.has_sentiment { 5 } else { 0 };
                if h.n_out != expected_out
                    || h.platt.len() != h.n_out
                    || h.thresholds.len() != t
                    || (h.has_sentiment && h.sentiment_scale.len() != 5)
                {
                    return Err(malformed("output counts do not match the codebook"));
                }
                let keys: Vec<u64> = (0..h.dim)
                    .map(|_| p.array().map(u64::from_le_bytes))
                    .collect::<Result<_, _>>()?;
                let weights_len = (h.dim + 1)
                    .checked_mul(h.n_out)
                    .ok_or_else(|| malformed("size overflow"))?;
                let mut floats =
                    (0..h.dim + weights_len).map(|_| p.array().map(f32::from_le_bytes));
                let idf: Vec<f32> = floats.by_ref().take(h.dim).collect::<Result<_, _>>()?;
                let weights: Vec<f32> = floats.collect::<Result<_, _>>()?;
                if p.pos != p.bytes.len() {
                    return Err(malformed("unexpected bytes after the weights"));
                }
                Kind::Linear(Box::new(Linear {
                    space: FeatureSpace::from_parts(h.features, keys, idf),
                    bias: h.bias,
                    n_out: h.n_out,
                    weights,
                    platt: h.platt,
                    thresholds: h.thresholds,
                    has_sentiment: h.has_sentiment,
                    sentiment_scale: h.sentiment_scale,
                    params: h.params,
                    trained_on: h.trained_on,
                }))
            }
        };
        Ok(ThemeModel {
            codebook: header.codebook,
            kind,
        })
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError::Corrupt(self.path.to_owned()))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn len(&mut self) -> Result<usize, ModelError> {
        usize::try_from(u64::from_le_bytes(self.array()?))
            .map_err(|_| ModelError::Corrupt(self.path.to_owned()))
    }
}
