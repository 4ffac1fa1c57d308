//! `.br` and `.gz` beside every text and wasm file, for servers that serve them as is.
//! Files are compressed on every core, the largest first; each file's output depends
//! only on that file, so the bytes are the same however the work is shared.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::files::{files, read_bytes, write};
use super::parallel;
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
    let mut todo: Vec<(u64, String)> = Vec::new();
    for f in files(dist)? {
        if EXTS.iter().any(|e| f.ends_with(e)) {
            let path = dist.join(&f);
            let size = std::fs::metadata(&path)
                .with_context(|| format!("reading {}", path.display()))?
                .len();
            todo.push((size, f));
        }
    }
    // The largest first, so that no core is left with a large file at the end.
    todo.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    parallel::for_each(&todo, |(_, f)| compress_file(dist, f))
}

/// `<f>.br` and `<f>.gz`, each as small as its format allows.
fn compress_file(dist: &Path, f: &str) -> Result {
    let bytes = read_bytes(&dist.join(f))?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(&bytes)
            .with_context(|| format!("brotli of {f}"))?;
    }
    write(&dist.join(format!("{f}.br")), &br)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)
        .with_context(|| format!("gzip of {f}"))?;
    write(
        &dist.join(format!("{f}.gz")),
        &gz.finish().with_context(|| format!("gzip of {f}"))?,
    )
}
