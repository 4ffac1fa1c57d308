//! JSON Schemas of the content files, generated from the same Rust types the app and
//! the validation use, so editors get completion and checks while they type.
//! `cargo xtask schema` writes them to `public/schema/`; a test keeps them current;
//! the build ships them in `dist/schema/`.

use anyhow::Context as _;
use koers_content::{ContentIndex, Organisation};

use crate::{root, Result};

/// (file name, schema text) of every schema.
pub fn schemas() -> Vec<(&'static str, String)> {
    let text = |schema: schemars::Schema| {
        let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
        s.push('\n');
        s
    };
    vec![
        (
            "organisation.schema.json",
            text(schemars::schema_for!(Organisation)),
        ),
        (
            "index.schema.json",
            text(schemars::schema_for!(ContentIndex)),
        ),
    ]
}

pub fn write() -> Result {
    let dir = root().join("public/schema");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, text) in schemas() {
        std::fs::write(dir.join(name), text).with_context(|| format!("writing {name}"))?;
        println!("xtask: wrote public/schema/{name}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schemas_are_current() {
        for (name, text) in schemas() {
            let path = root().join("public/schema").join(name);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == text,
                "public/schema/{name} is out of date: run `cargo xtask schema`"
            );
        }
    }

    #[test]
    fn the_schema_refuses_unknown_fields_and_names_every_block_type() {
        let (_, text) = &schemas()[0];
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        for kind in koers_content::Block::TYPES {
            assert!(text.contains(&format!("\"const\": \"{kind}\"")), "{kind}");
        }
        for field in [
            "slug",
            "name",
            "short_name",
            "accent",
            "description",
            "pages",
        ] {
            assert!(
                schema["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f == field),
                "{field}"
            );
        }
    }
}
