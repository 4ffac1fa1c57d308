//! The browser side of the residents' comforts: storage on the device, speech,
//! sharing, printing, downloads and the page itself.
//!
//! Every function here works in the browser (`wasm32`) and does nothing natively, so
//! the components that call them render the same in native tests. Where a browser
//! lacks an API, the functions say so (`available() == false`) or fail quietly, and
//! the components hide the feature or offer a fallback. The logic behind these
//! features is in [`crate::comforts`], tested natively.

pub mod download;
pub mod page;
pub mod share;
pub mod speech;
pub mod storage;
