//! Passkeys (WebAuthn) in the browser: the server's options (webauthn-rs JSON, the
//! options inside `publicKey`) read by `PublicKeyCredential.parseCreationOptionsFromJSON`
//! / `parseRequestOptionsFromJSON`, the passkey made or used by
//! `navigator.credentials.create` / `get`, and given back as `credential.toJSON()`:
//! no base64 of our own. Through `js_sys::Reflect`, since web-sys has no bindings for
//! the JSON helpers. Natively: no passkeys.

/// Why no passkey came back, in words for the editor.
pub const CANCELLED: &str =
    "Dat lukte niet: de passkey werd niet gebruikt of het wachten duurde te lang. Probeer het opnieuw.";
pub const UNSUPPORTED: &str = "Deze browser kent geen passkeys. Gebruik een recente versie van \
                               Chrome, Edge, Firefox of Safari.";

/// What a passkey ceremony asks of the browser.
#[derive(Clone, Copy, PartialEq)]
pub enum Ceremony {
    /// Make a new passkey (registering with an invite).
    Create,
    /// Sign in with a passkey already made (discoverable: no name asked).
    Get,
}

/// Runs `ceremony` with the server's `options` (its whole JSON answer's `opties`) and
/// gives the credential as JSON for the server, or the Dutch reason why not.
pub async fn run(
    ceremony: Ceremony,
    options: &serde_json::Value,
) -> Result<serde_json::Value, String> {
    let inner = without_nulls(options.get("publicKey").unwrap_or(options)).to_string();
    #[cfg(target_arch = "wasm32")]
    {
        browser::run(ceremony, &inner).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (ceremony, inner);
        Err(UNSUPPORTED.to_string())
    }
}

/// `value` without its `null` members: the browser reads a member it is given as
/// present (a `null` where it wants a text becomes the text "null"), and an absent
/// one as not given, which is what the server means by `null`.
pub fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Function, Object, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::{Ceremony, CANCELLED, UNSUPPORTED};

    fn property(of: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(of, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn method(of: &JsValue, name: &str) -> Option<Function> {
        property(of, name).and_then(|f| f.dyn_into::<Function>().ok())
    }

    pub async fn run(ceremony: Ceremony, inner: &str) -> Result<serde_json::Value, String> {
        let window: JsValue = web_sys::window().ok_or(UNSUPPORTED)?.into();
        let class = property(&window, "PublicKeyCredential").ok_or(UNSUPPORTED)?;
        let (parse, call) = match ceremony {
            Ceremony::Create => ("parseCreationOptionsFromJSON", "create"),
            Ceremony::Get => ("parseRequestOptionsFromJSON", "get"),
        };
        let parse = method(&class, parse).ok_or(UNSUPPORTED)?;
        let json = JSON::parse(inner).map_err(|_| CANCELLED.to_string())?;
        let options = parse.call1(&class, &json).map_err(|e| {
            web_sys::console::warn_2(&"Koers: passkey options refused".into(), &e);
            CANCELLED.to_string()
        })?;
        let args = Object::new();
        Reflect::set(&args, &"publicKey".into(), &options).map_err(|_| UNSUPPORTED)?;
        let navigator = property(&window, "navigator").ok_or(UNSUPPORTED)?;
        let credentials = property(&navigator, "credentials").ok_or(UNSUPPORTED)?;
        let act = method(&credentials, call).ok_or(UNSUPPORTED)?;
        let promise = act
            .call1(&credentials, &args)
            .map_err(|_| CANCELLED.to_string())?
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| UNSUPPORTED.to_string())?;
        let credential = JsFuture::from(promise).await.map_err(|e| {
            web_sys::console::warn_2(&"Koers: passkey ceremony failed".into(), &e);
            CANCELLED.to_string()
        })?;
        let to_json = method(&credential, "toJSON").ok_or(UNSUPPORTED)?;
        let object = to_json.call0(&credential).map_err(|_| UNSUPPORTED)?;
        let text: String = JSON::stringify(&object).map_err(|_| UNSUPPORTED)?.into();
        serde_json::from_str(&text).map_err(|_| UNSUPPORTED.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_nulls_are_left_out_of_the_options() {
        let options = serde_json::json!({
            "challenge": "abc",
            "authenticatorSelection": { "authenticatorAttachment": null, "residentKey": "required" },
            "excludeCredentials": [{ "id": "x", "transports": null }],
            "timeout": null,
        });
        assert_eq!(
            without_nulls(&options),
            serde_json::json!({
                "challenge": "abc",
                "authenticatorSelection": { "residentKey": "required" },
                "excludeCredentials": [{ "id": "x" }],
            })
        );
    }
}
