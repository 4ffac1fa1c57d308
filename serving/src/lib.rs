//! How a Koers build is served, in one table: the security headers, how long browsers
//! may keep each file, which files are the host's and never served, the not-found page
//! of an unknown path, the oEmbed endpoint, and the media types. From it come
//! koers-server's behaviour (which runs [`Rules`]' patterns), the `_headers` and
//! `nginx-headers.conf` that `cargo xtask dist` writes into the build
//! ([`headers_file`], [`nginx_headers`]), and `deploy/nginx.conf` ([`nginx_conf`], held
//! to the file by a test).
//!
//! The Content-Security-Policy itself is the build's: it carries the hashes of the
//! build's inline scripts and stylesheet (xtask computes it), and hosts read it from
//! the files above. A deployer may add origins to its `frame-ancestors` there.
//!
//! A crate of its own without dependencies: xtask (which must not pull in a web
//! server) and koers-server (which must not pull in the build) both use it.

use std::fmt::Write as _;

/// The editors' studio's path segment, `/redactie/` (`koers::routes::STUDIO`, which an
/// xtask test holds equal: this crate does not depend on the app).
pub const STUDIO: &str = "redactie";

/// What a page may send as `Referer` to other sites: its origin only.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The browser features no page of Koers uses, switched off.
pub const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Who may show Koers in a frame, unless the deployer adds their own site. The editors'
/// studio keeps this whatever the deployer adds: it gets it as a second policy
/// ([`studio_pattern`]), and a browser enforces every policy it receives.
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'self'";

/// How browsers may cache a file whose name carries a hash of its content: it never
/// changes, so for a year and without revalidating.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How browsers may cache every other file: kept, but revalidated on each use (an
/// unchanged file costs a 304 without a body). The service worker relies on this.
pub const REVALIDATE: &str = "no-cache";

/// [`is_hashed`] as a regular expression, for `deploy/nginx.conf`, koers-server and the
/// service worker (checked by tests).
pub const HASHED_PATTERN: &str = r"-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$";

/// The build's files that are for the host, not for browsers: never served, nor their
/// `.gz` and `.br` (an unknown path). `routes.json` is no longer in the build, but a
/// folder deployed over an older build may still hold it.
pub const HOST_FILES: [&str; 3] = ["_headers", "nginx-headers.conf", "routes.json"];

/// The first segment of a path that has more after it: the organisation an unknown path
/// is under, if any (its not-found page is `<org>/`[`NOT_FOUND`]).
pub const ORG_PATTERN: &str = "^/(?<org>[^/]+)/";

/// The site's not-found page, and each organisation's in its folder.
pub const NOT_FOUND: &str = "404.html";

/// The page of a folder.
pub const INDEX: &str = "index.html";

/// The oEmbed endpoint, `/oembed?url=<address of a page>`, under the site's path.
pub const OEMBED: &str = "oembed";

/// The response the build writes beside each embeddable page (`<org>/<page>/oembed.json`,
/// and `<org>/oembed.json` for its start), in a build made with `--site-url`.
pub const OEMBED_FILE: &str = "oembed.json";

/// The precompressed twins the build writes beside a file: the `Content-Encoding` and
/// the file's extension. A file that has them varies with `Accept-Encoding`.
pub const ENCODINGS: [(&str, &str); 2] = [("gzip", "gz"), ("br", "br")];

/// The media type of each kind of file the build writes, by extension.
pub const TYPES: [(&str, &str); 10] = [
    ("html", "text/html"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("webmanifest", "application/manifest+json"),
    ("wasm", "application/wasm"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("xml", "application/xml"),
    ("txt", "text/plain"),
];

/// The media type of `file`, by its extension ([`TYPES`]).
pub fn content_type(file: &str) -> Option<&'static str> {
    let name = file.rsplit('/').next().unwrap_or(file);
    let (_, extension) = name.rsplit_once('.')?;
    TYPES.iter().find(|(e, _)| *e == extension).map(|(_, t)| *t)
}

/// The policy as a header: the page's policy (`csp`, the build's) and who may frame
/// the page.
pub fn header_policy(csp: &str) -> String {
    format!("{csp}; {FRAME_ANCESTORS}")
}

/// The headers of every response, built with the build's policy `csp`.
pub fn security_headers(csp: &str) -> [(&'static str, String); 4] {
    [
        ("Content-Security-Policy", header_policy(csp)),
        ("Referrer-Policy", REFERRER_POLICY.into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Permissions-Policy", PERMISSIONS.into()),
    ]
}

/// Whether `file` (relative to the build) is one of the build's content-hashed files,
/// the ones named `<name>-<16 hex digits>` (`koers-<hash>.js`, `koers-<hash>_bg.wasm`,
/// `main-<hash>.css`, `favicon-<hash>.svg`, `<org>/accent-<hash>.css`): the same as
/// [`HASHED_PATTERN`].
pub fn is_hashed(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hash = stem.rsplit_once('-').map_or("", |(_, h)| h);
    matches!(extension, "js" | "wasm" | "css" | "svg")
        && hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `Cache-Control` of `file`: [`IMMUTABLE`] for a content-hashed file, else
/// [`REVALIDATE`].
pub fn cache_control(file: &str) -> &'static str {
    if is_hashed(file) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// [`HOST_FILES`] and their compressed twins, under any path (so also under a sub-path),
/// as a regular expression.
pub fn host_files_pattern() -> String {
    let names: Vec<String> = HOST_FILES.iter().map(|f| f.replace('.', r"\.")).collect();
    let twins: Vec<String> = ENCODINGS.iter().map(|(_, e)| format!(r"\.{e}")).collect();
    format!(r"/({})({})?$", names.join("|"), twins.join("|"))
}

/// The editors' studio's paths (`/redactie`, `/redactie/…`, also under a sub-path), as
/// a regular expression: they get a second policy, [`FRAME_ANCESTORS`] alone, so no
/// other site may frame the studio whatever origins a deployer adds to the first.
pub fn studio_pattern() -> String {
    format!("/{STUDIO}(/|$)")
}

/// The address in oEmbed's `?url=` (as it comes, percent-encoded or not) of an
/// organisation's start or of one of its pages on a site served under `base` ("/" or
/// "/koers/"): the groups `o` (the organisation) and `p` (the page, if any) name the
/// folder of its [`OEMBED_FILE`]. Case-insensitive; other query parameters (maxwidth,
/// format) change nothing.
pub fn oembed_pattern(base: &str) -> String {
    const SLASH: &str = "(?:/|%2F)";
    let mut path = String::new();
    for segment in base.split('/').filter(|s| !s.is_empty()) {
        let _ = write!(path, "{SLASH}{}", escape(segment));
    }
    format!(
        "^https?(?::|%3A){SLASH}{{2}}[^/%?#&]+(?:(?::|%3A)[0-9]+)?{path}{SLASH}\
         (?<o>[a-z0-9-]+)(?:{SLASH}(?<p>[a-z0-9-]+))?{SLASH}?$"
    )
}

/// `text` with the characters a regular expression gives a meaning escaped.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if r"\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One rule of a `_headers` file: a path pattern (a trailing `*` matches any rest) and
/// its headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRule {
    pub pattern: String,
    pub headers: Vec<(String, String)>,
}

/// The rules of a `_headers` file, in order (comments left out).
pub fn parse_headers_file(file: &str) -> Result<Vec<HeaderRule>, String> {
    let mut rules: Vec<HeaderRule> = Vec::new();
    for (n, line) in file.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            let (name, value) = line
                .trim()
                .split_once(':')
                .ok_or_else(|| format!("line {}: a header is `Name: value`", n + 1))?;
            let rule = rules
                .last_mut()
                .ok_or_else(|| format!("line {}: a header before any path", n + 1))?;
            rule.headers
                .push((name.trim().to_string(), value.trim().to_string()));
        } else {
            rules.push(HeaderRule {
                pattern: line.trim().to_string(),
                headers: Vec::new(),
            });
        }
    }
    Ok(rules)
}

/// `_headers`: the security headers for every file, the studio's own policy, and the
/// caching of the worker and of the content-hashed files (`hashed`, relative to the
/// build); paths under `base` (the `<base href>`, "/" or a sub-path like "/koers/").
/// Hosts that read it (Netlify, Cloudflare Pages) revalidate every other file by
/// default; a `Cache-Control` for `/*` would be merged into the hashed files' own.
///
/// The studio's rule repeats the whole policy, with [`FRAME_ANCESTORS`] as built: a
/// path that matches two rules gets both values of a header, joined by a comma, from
/// some hosts (Cloudflare Pages: two policies, and the browser enforces both) and the
/// later rule's alone from others (Netlify): either way no origin a deployer adds to
/// the rule for `/*` may frame the studio, and the studio keeps its full policy.
pub fn headers_file(csp: &str, base: &str, hashed: &[String]) -> String {
    let mut out = format!(
        "# Security headers for every file (Netlify, Cloudflare Pages and similar hosts).\n\
         # Embedding: only this site may show Koers in a frame. To let your own website\n\
         # embed it (embed.js or an iframe), add its origin after 'self' in the rule for\n\
         # /* just below, for example:\n\
         #   {FRAME_ANCESTORS} https://www.uwgemeente.be\n\
         # (several origins: separate them with spaces; never use *).\n/*\n"
    );
    for (name, value) in security_headers(csp) {
        let _ = writeln!(out, "  {name}: {value}");
    }
    out.push_str(
        "# The editors' studio: no other site may frame it, whatever the rule for /*\n\
         # allows. Leave these two rules as they are.\n",
    );
    for path in [format!("{base}{STUDIO}"), format!("{base}{STUDIO}/*")] {
        let _ = writeln!(
            out,
            "{path}\n  Content-Security-Policy: {}",
            header_policy(csp)
        );
    }
    let _ = writeln!(out, "{base}sw.js\n  Cache-Control: {REVALIDATE}");
    for file in hashed {
        let _ = writeln!(out, "{base}{file}\n  Cache-Control: {IMMUTABLE}");
    }
    out
}

/// `nginx-headers.conf`: the security headers, which `deploy/nginx.conf` includes.
pub fn nginx_headers(csp: &str) -> String {
    let mut out = String::from("# Generated by cargo xtask dist: include in the server block.\n");
    for (name, value) in security_headers(csp) {
        let _ = writeln!(out, "add_header {name} \"{value}\" always;");
    }
    out
}

/// `deploy/nginx.conf`, a sample server for a build in `/var/www/koers`, from this
/// table (a test holds the file to it: `KOERS_WRITE_NGINX_CONF=1 cargo test --package
/// koers-serving` writes it).
pub fn nginx_conf() -> String {
    let types: String = TYPES
        .iter()
        .map(|(extension, media)| format!("        {media} {extension};\n"))
        .collect();
    let twins: Vec<&str> = ENCODINGS.iter().map(|(_, e)| *e).collect();
    format!(
        r#"# Sample nginx server for a Koers build (the contents of dist/, here /var/www/koers).
# Generated from the serving rules (serving/src/lib.rs, the same that koers-server
# runs): change them there, not here.
# The maps belong in the http context: a file in conf.d/ or sites-enabled/ is
# included there, so this one can be used as it is.
# - Every route has its own pre-rendered index.html. An unknown path under an
#   organisation gets that organisation's not-found page (/<org>/{NOT_FOUND}), any other
#   unknown path the site's ({NOT_FOUND}); both with the status 404.
# - Caching: the content-hashed files (koers-<hash>.js, koers-<hash>_bg.wasm,
#   main-<hash>.css, favicon-<hash>.svg, <org>/accent-<hash>.css) never change and are
#   kept for a year; every other file (pages, manifests, content, sw.js) is revalidated
#   on each use (nginx sends an ETag, so an unchanged file costs a 304 without a
#   body). The service worker relies on this: it takes the app from the browser's
#   cache instead of downloading it again.
# - Serves the precompressed .{gz} files that `cargo xtask dist` writes (and .{br} with the
#   ngx_brotli module), with "Vary: Accept-Encoding" on every file that has them, so
#   that a shared cache never hands a compressed file to a browser that did not ask.
# - Sends the security headers from nginx-headers.conf, which `cargo xtask dist` writes
#   with this build's stylesheet hash. nginx sends the headers of a server's add_header
#   lines only to locations without add_header lines of their own: a location you add
#   with add_header must include nginx-headers.conf and repeat the two add_header lines
#   below.
# - Does not serve the files that are for the server (_headers, nginx-headers.conf, and
#   routes.json that older builds wrote), and does not tell its version.
# - Embedding (embed.js, or an iframe with ?embed=1): frame-ancestors says which sites may
#   show Koers in a frame; 'self' alone lets no other site do so. To let your municipal
#   website embed Koers, add its origin (scheme and host, no path) after 'self' in the
#   Content-Security-Policy line of nginx-headers.conf, e.g.:
#       ... form-action 'self'; {FRAME_ANCESTORS} https://www.uwgemeente.be" always;
#   Several sites: separate the origins with spaces. Never use *, and send no
#   X-Frame-Options header: it cannot name another site and would forbid embedding.
#   embed.js itself needs nothing: host pages load it as a plain script.
#   The editors' studio (/{STUDIO}/) stays unframeable by other sites whatever you add:
#   it gets a second policy, {FRAME_ANCESTORS} alone ($koers_studio_policy), and a
#   browser enforces both.
map $uri $koers_cache_control {{
    default "{REVALIDATE}";
    "~{HASHED_PATTERN}" "{IMMUTABLE}";
}}

# The second policy of the editors' studio: no other site may frame it (an empty value
# sends no header). Under any path, so also when the site is served under a sub-path.
map $uri $koers_studio_policy {{
    default "";
    "~{studio}" "{FRAME_ANCESTORS}";
}}

# The first segment of the path: the organisation an unknown path is under, if any.
map $uri $koers_org {{
    default "";
    "~{ORG_PATTERN}" $org;
}}

# oEmbed for consumers that ask an endpoint with ?url=<address of a page> (Drupal's
# Media module): /{OEMBED} answers with the response the build wrote beside that page
# (<org>/<page>/{OEMBED_FILE}, or <org>/{OEMBED_FILE} for its start; only in a build made
# with --site-url). The address may come percent-encoded or not; other query
# parameters (maxwidth, format) change nothing.
map $arg_url $koers_oembed {{
    default "";
    "~*{oembed}" "/$o/$p/{OEMBED_FILE}";
}}

server {{
    listen 80;
    server_name koers.example.be;
    root /var/www/koers;

    server_tokens off;
    gzip_static on;
    gzip_vary on;
    # brotli_static on;

    include /var/www/koers/nginx-headers.conf;
    add_header Content-Security-Policy $koers_studio_policy always;
    add_header Cache-Control $koers_cache_control always;

    types {{
{types}    }}

    location / {{
        try_files $uri $uri/{INDEX} =404;
    }}

    location = /{OEMBED} {{
        try_files $koers_oembed =404;
    }}

    # The files for the server, and their compressed twins: answered as unknown paths.
    location ~ "{host_pattern}" {{
        return 404;
    }}

    # The not-found page keeps the status 404; try_files takes the organisation's when
    # there is one (/herentals/nergens -> /herentals/{NOT_FOUND}), else the site's.
    error_page 404 @not_found;
    location @not_found {{
        try_files /$koers_org/{NOT_FOUND} /{NOT_FOUND} =404;
    }}
}}
"#,
        gz = twins[0],
        br = twins[1],
        studio = studio_pattern(),
        oembed = oembed_pattern("/"),
        host_pattern = host_files_pattern(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deploy_nginx_conf_is_generated_from_the_table() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/nginx.conf");
        let generated = nginx_conf();
        if std::env::var_os("KOERS_WRITE_NGINX_CONF").is_some() {
            std::fs::write(file, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(file).unwrap();
        assert!(
            on_disk == generated,
            "deploy/nginx.conf differs from the serving rules: \
             KOERS_WRITE_NGINX_CONF=1 cargo test --package koers-serving writes it"
        );
    }

    #[test]
    fn only_content_hashed_files_are_immutable() {
        for hashed in [
            "koers-572024a358e66223.js",
            "koers-572024a358e66223_bg.wasm",
            "main-323a75f6218b40ac.css",
            "favicon-fd13fcfdbc326f62.svg",
            "herentals/accent-0123456789abcdef.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
            assert_eq!(cache_control(hashed), IMMUTABLE);
        }
        for plain in [
            "sw.js",
            "embed.js",
            "offline.html",
            "herentals/index.html",
            "herentals/manifest.webmanifest",
            "herentals/icon-192.png",
            "content/herentals.json",
            "koers-572024a358e66223.js.br",
            "koers-572024A358E66223.js",
            "koers-572024a358e6622.js",
            "ocmw-de-wilg/precache.json",
        ] {
            assert!(!is_hashed(plain), "{plain}");
            assert_eq!(cache_control(plain), REVALIDATE);
        }
    }

    #[test]
    fn the_oembed_pattern_takes_the_sites_path() {
        assert!(oembed_pattern("/").contains(r"(?:/|%2F)(?<o>"));
        assert!(oembed_pattern("/koers/").contains(r"[0-9]+)?(?:/|%2F)koers(?:/|%2F)(?<o>"));
        assert!(oembed_pattern("/a.b/").contains(r"a\.b"));
    }

    #[test]
    fn media_types_by_extension() {
        assert_eq!(content_type("herentals/index.html"), Some("text/html"));
        assert_eq!(
            content_type("herentals/manifest.webmanifest"),
            Some("application/manifest+json")
        );
        assert_eq!(
            content_type("koers-572024a358e66223_bg.wasm"),
            Some("application/wasm")
        );
        assert_eq!(content_type("herentals"), None);
        assert_eq!(content_type("a.b/c"), None);
    }

    #[test]
    fn a_headers_file_reads_back_as_its_rules() {
        let hashed = ["koers-572024a358e66223.js".to_string()];
        let rules =
            parse_headers_file(&headers_file("default-src 'self'", "/koers/", &hashed)).unwrap();
        let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
        assert_eq!(
            patterns,
            [
                "/*",
                "/koers/redactie",
                "/koers/redactie/*",
                "/koers/sw.js",
                "/koers/koers-572024a358e66223.js"
            ]
        );
        assert_eq!(
            rules[0].headers[0],
            (
                "Content-Security-Policy".to_string(),
                "default-src 'self'; frame-ancestors 'self'".to_string()
            )
        );
        assert_eq!(rules[0].headers.len(), 4);
        assert!(parse_headers_file("  X: y\n").is_err());
    }
}
