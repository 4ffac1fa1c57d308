//! `.br` and `.gz` beside every text and wasm file, for servers that serve them as is.
//! Files are compressed on every core, the largest first; each file's output depends
//! only on its bytes, so the output is the same however the work is shared, and bytes
//! already compressed in this run (the same wasm in several builds of `cargo xtask
//! test` or `bench scale`, two equal files) are compressed once.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Context as _;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::files::{files, read_bytes, write};
use super::on_every_core;
use crate::Result;

/// What is worth compressing: text, and the wasm.
const EXTS: [&str; 9] = [
    ".html",
    ".js",
    ".wasm",
    ".css",
    ".json",
    ".svg",
    ".webmanifest",
    ".xml",
    ".txt",
];

pub fn compress(dist: &Path) -> Result {
    compress_these(dist, &files(dist)?)
}

/// `.br` and `.gz` beside those of `these` (relative to `dist`) worth compressing.
pub fn compress_these(dist: &Path, these: &[String]) -> Result {
    let mut todo: Vec<(u64, String)> = Vec::new();
    for f in these.iter().cloned() {
        if worth_compressing(&f) {
            let path = dist.join(&f);
            let size = std::fs::metadata(&path)
                .with_context(|| format!("reading {}", path.display()))?
                .len();
            todo.push((size, f));
        }
    }
    // The largest first, so that no core is left with a large file at the end.
    todo.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    on_every_core(|| {
        todo.par_iter()
            .try_for_each(|(_, f)| compress_file(dist, f))
    })
}

/// Whether the build writes `.br` and `.gz` beside `file`.
pub fn worth_compressing(file: &str) -> bool {
    EXTS.iter().any(|e| file.ends_with(e))
}

/// A file's brotli and gzip forms.
struct Compressed {
    br: Vec<u8>,
    gz: Vec<u8>,
}

type Done = Mutex<HashMap<[u8; 32], Arc<OnceLock<std::result::Result<Compressed, String>>>>>;

/// Every compression of this run, by the SHA-256 of the bytes compressed. A second
/// worker on the same bytes waits for the first one's result.
fn done() -> &'static Done {
    static DONE: OnceLock<Done> = OnceLock::new();
    DONE.get_or_init(Default::default)
}

/// Forgets what this run compressed, so that the next build compresses as a build of
/// its own would (for `bench scale`'s times).
pub fn forget() {
    done()
        .lock()
        .expect("a compression thread panicked")
        .clear();
}

/// `<f>.br` and `<f>.gz`.
fn compress_file(dist: &Path, f: &str) -> Result {
    let bytes = read_bytes(&dist.join(f))?;
    let key: [u8; 32] = Sha256::digest(&bytes).into();
    let slot = done()
        .lock()
        .expect("a compression thread panicked")
        .entry(key)
        .or_default()
        .clone();
    let compressed = slot
        .get_or_init(|| compressed(&bytes).map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow::anyhow!("compressing {f}: {e}"))?;
    write(&dist.join(format!("{f}.br")), &compressed.br)?;
    write(&dist.join(format!("{f}.gz")), &compressed.gz)
}

/// Both forms, each as small as its format allows.
fn compressed(bytes: &[u8]) -> Result<Compressed> {
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes).context("brotli")?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).context("gzip")?;
    let gz = gz.finish().context("gzip")?;
    Ok(Compressed { br, gz })
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;
    use crate::files::folder_with;

    #[test]
    fn equal_bytes_give_equal_files_and_both_forms_decompress() {
        let text = "<p>Koers</p>".repeat(500);
        let folder = folder_with(&[
            ("one.html", text.as_bytes()),
            ("a/two.html", text.as_bytes()),
            ("icon.png", &[0u8; 10]),
        ]);
        let dist = folder.path();
        compress(dist).unwrap();
        let read = |f: &str| std::fs::read(dist.join(f)).unwrap();
        assert_eq!(read("one.html.br"), read("a/two.html.br"));
        let mut plain = String::new();
        brotli::Decompressor::new(&read("one.html.br")[..], 4096)
            .read_to_string(&mut plain)
            .unwrap();
        assert_eq!(plain, text);
        plain.clear();
        flate2::read::GzDecoder::new(&read("a/two.html.gz")[..])
            .read_to_string(&mut plain)
            .unwrap();
        assert_eq!(plain, text);
        assert!(!dist.join("icon.png.br").exists(), "only text and wasm");
    }
}
