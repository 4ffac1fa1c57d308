//! `.br` and `.gz` beside every text and wasm file, for servers that serve them as is.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::files::{files, read_bytes, write};
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
    for f in files(dist)? {
        if !EXTS.iter().any(|e| f.ends_with(e)) {
            continue;
        }
        let bytes = read_bytes(&dist.join(&f))?;
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
        )?;
    }
    Ok(())
}
