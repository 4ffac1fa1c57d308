//! The schemes a link in content may use, in one place: validation refuses any other,
//! and the app lets no other through when it renders a link.

/// Every scheme a link block may use: the web, a phone call, an e-mail.
pub const LINK_SCHEMES: &[&str] = &["https://", "http://", "tel:", "mailto:"];

/// The schemes of the web: a contact's `website`, and the links that lead to another
/// site.
pub const WEB_SCHEMES: &[&str] = &["https://", "http://"];

/// Whether `href` starts with one of `schemes`, in any case, ignoring spaces around it.
pub fn has_scheme(href: &str, schemes: &[&str]) -> bool {
    after_scheme(href, schemes).is_some()
}

/// What follows the scheme, when `href` starts with one of `schemes` (in any case,
/// ignoring spaces around it). No scheme of the lists above begins another, so at most
/// one of them matches.
pub(super) fn after_scheme<'a>(href: &'a str, schemes: &[&str]) -> Option<&'a str> {
    let href = href.trim();
    schemes.iter().find_map(|scheme| {
        href.get(..scheme.len())
            .filter(|start| start.eq_ignore_ascii_case(scheme))
            .map(|_| &href[scheme.len()..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_match_in_any_case_and_nothing_else_does() {
        assert!(has_scheme(" HTTPS://example.be ", WEB_SCHEMES));
        assert!(has_scheme("Tel:+3211808086", LINK_SCHEMES));
        assert!(!has_scheme("tel:+3211808086", WEB_SCHEMES));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//example.be",
            "https:/x",
            "é",
        ] {
            assert!(!has_scheme(bad, LINK_SCHEMES), "{bad}");
        }
        assert_eq!(
            after_scheme("mailto:info@x.be", LINK_SCHEMES),
            Some("info@x.be")
        );
        assert_eq!(after_scheme(" http:// ", WEB_SCHEMES), Some(""));
    }
}
