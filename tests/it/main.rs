//! The native integration tests, in one binary (one link of the `ssr` build):
//! content and validation, every route rendered to HTML, accessibility of the markup,
//! embed mode, the residents' tools, and property tests of content parsing.

mod a11y_render;
mod broken_content;
mod changes;
mod common;
mod embed;
mod properties;
mod reader;
mod render;
mod routes;
mod tools;
