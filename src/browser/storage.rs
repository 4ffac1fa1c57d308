//! Small settings remembered on the device (`localStorage`). Storage may be off,
//! full or forbidden (private modes, embedded pages): then nothing is remembered and
//! nothing fails.

/// The stored value of `key`, if storage works and has one.
pub fn get(key: &str) -> Option<String> {
    on_web!(None, web::get(key))
}

/// Remembers `value` under `key` when storage works; otherwise does nothing.
pub fn set(key: &str, value: &str) {
    on_web!((), web::set(key, value))
}

#[cfg(target_arch = "wasm32")]
mod web {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn get(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    pub fn set(key: &str, value: &str) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(key, value);
        }
    }
}
