//! Home-screen icons for each organisation, generated at build time: the organisation's
//! initials in white on its accent colour. No font files or system fonts are used: the
//! letters come from a tiny built-in monoline stroke font (A–Z, 0–9) that is rasterised
//! with anti-aliasing from the distance of each pixel to the nearest stroke.

use koers::tools::directory::GENERIC;
use koers::tools::letters::fold_wide;

/// Words skipped when picking initials, besides the kinds of government of
/// [`GENERIC`], as long as at least one other word remains (compared after accent
/// stripping, in lower case). Unlike the list of organisations, which finds "De Panne"
/// under "de", the initials skip articles too.
const FILLER: &[&str] = &[
    "lokaal",
    "dienstencentrum",
    "provincie",
    "district",
    "vzw",
    "van",
    "de",
    "het",
    "der",
    "den",
    "te",
    "t",
    "s",
];

/// Drawn when a name or an initials string has nothing drawable (K for Koers).
const FALLBACK: char = 'K';

/// The initials shown on an organisation's icon (1 to 3 characters from A–Z and 0–9).
///
/// Rule: accents are stripped (é → E) and every character other than a letter, digit
/// or hyphen separates words. Filler words (`GENERIC` and `FILLER`: OCMW, Gemeente, en,
/// van, de, …) are dropped unless nothing else is left. Then:
/// * two or more words remain: the first letters of the first two words
///   ("Stad Sint-Niklaas Welzijn" → "SW");
/// * one word remains: the first letter of each hyphenated part, at most three
///   ("OCMW Herentals" → "H", "Gemeente en OCMW Heusden-Zolder" → "HZ");
/// * nothing at all: "K".
pub fn initials(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match fold_wide(c) {
            c if c.is_ascii_alphanumeric() || c == '-' => c.to_ascii_uppercase(),
            _ => ' ',
        })
        .collect();
    let words: Vec<Vec<&str>> = cleaned
        .split_whitespace()
        .map(|w| w.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>())
        .filter(|parts| !parts.is_empty())
        .collect();
    let is_filler = |parts: &Vec<&str>| {
        let word = parts.join("-");
        GENERIC
            .iter()
            .chain(FILLER)
            .any(|f| word.eq_ignore_ascii_case(f))
    };
    let significant: Vec<&Vec<&str>> = words.iter().filter(|w| !is_filler(w)).collect();
    let chosen: Vec<&Vec<&str>> = if significant.is_empty() {
        words.iter().collect()
    } else {
        significant
    };
    let first = |p: &str| p.chars().next().unwrap_or(FALLBACK);
    match chosen.as_slice() {
        [] => FALLBACK.to_string(),
        [single] => single.iter().take(3).map(|p| first(p)).collect(),
        several => several.iter().take(2).map(|w| first(w[0])).collect(),
    }
}

/// The stroke font. Each glyph sits in a box 4 units wide and 6 high (y grows downwards).
/// Polylines are separated by `;`, tokens by spaces; coordinates are single hex digits in
/// half units (x 0–8, y 0–c). A 2-digit token `xy` is a point; a 6-digit token
/// `xy rx ry a b` is an elliptical arc around (x, y) with radii (rx, ry) from angle a to
/// angle b in steps of 45° (0 = east, 2 = south, 4 = west, 6 = north, 8 = east again).
/// Consecutive points and arcs of one polyline are joined by straight strokes.
const FONT: &[(char, &str)] = &[
    ('A', "0c 40 8c;19 79"),
    ('B', "0c 00 40 43336a 06 49436a 0c"),
    ('C', "444474 484441"),
    ('D', "0c 00 20 26666a 0c"),
    ('E', "80 00 0c 8c;06 66"),
    ('F', "80 00 0c;06 66"),
    ('G', "444474 484440 86 46"),
    ('H', "00 0c;80 8c;06 86"),
    ('I', "20 60;40 4c;2c 6c"),
    ('J', "30 80 484404"),
    ('K', "00 0c;80 06 8c"),
    ('L', "00 0c 8c"),
    ('M', "0c 00 47 80 8c"),
    ('N', "0c 00 8c 80"),
    ('O', "444484 484440 84"),
    ('P', "0c 00 40 43436a 06"),
    ('Q', "444484 484440 84;59 8c"),
    ('R', "0c 00 40 43436a 06;46 8c"),
    ('S', "434373 49437b"),
    ('T', "00 80;40 4c"),
    ('U', "00 484440 80"),
    ('V', "00 4c 80"),
    ('W', "00 2c 45 6c 80"),
    ('X', "00 8c;80 0c"),
    ('Y', "00 46 80;46 4c"),
    ('Z', "00 80 0c 8c"),
    ('0', "464608"),
    ('1', "22 40 4c;2c 6c"),
    ('2', "434349 0c 8c"),
    ('3', "43435a 49436b"),
    ('4', "6c 60 08 88"),
    ('5', "80 00 04 44 48446b"),
    ('6', "444474 48444c"),
    ('7', "00 80 2c"),
    ('8', "43332a 49436e"),
    ('9', "444408 484403"),
];

const GLYPH_W: f32 = 4.0;
const GLYPH_H: f32 = 6.0;
const GAP: f32 = 1.5;
const STROKE: f32 = 0.7;
const ARC_STEPS_PER_45: usize = 6;

type Segment = ((f32, f32), (f32, f32));

/// The strokes of `c` as line segments in glyph units, shifted right by `dx`.
fn glyph_segments(c: char, dx: f32, out: &mut Vec<Segment>) {
    let Some((_, spec)) = FONT.iter().find(|(g, _)| *g == c) else {
        return;
    };
    let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as f32;
    for polyline in spec.split(';') {
        let mut points: Vec<(f32, f32)> = Vec::new();
        for token in polyline.split_whitespace().map(str::as_bytes) {
            let (x, y) = (hex(token[0]) / 2.0 + dx, hex(token[1]) / 2.0);
            if token.len() == 2 {
                points.push((x, y));
                continue;
            }
            let (rx, ry) = (hex(token[2]) / 2.0, hex(token[3]) / 2.0);
            let (a, b) = (hex(token[4]), hex(token[5]));
            let steps = ((b - a).abs() as usize * ARC_STEPS_PER_45).max(1);
            for i in 0..=steps {
                let t = (a + (b - a) * i as f32 / steps as f32) * std::f32::consts::FRAC_PI_4;
                points.push((x + rx * t.cos(), y + ry * t.sin()));
            }
        }
        out.extend(points.windows(2).map(|w| (w[0], w[1])));
        if points.len() == 1 {
            out.push((points[0], points[0]));
        }
    }
}

/// Distance from a point to a line segment.
fn distance((px, py): (f32, f32), ((ax, ay), (bx, by)): Segment) -> f32 {
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

/// A square PNG (RGBA, 8 bits per channel) of `size` × `size` pixels: the accent colour
/// fills the whole square (no transparency) and the initials are drawn centred in white
/// with anti-aliased strokes. With `maskable`, the letters stay inside the central
/// circle of 80 % diameter (the safe zone of maskable icons), so they come out smaller.
/// Characters outside A–Z and 0–9 are ignored; at most three are drawn.
pub fn icon_png(initials: &str, accent: (u8, u8, u8), size: u32, maskable: bool) -> Vec<u8> {
    let mut chars: Vec<char> = initials
        .chars()
        .map(|c| fold_wide(c).to_ascii_uppercase())
        .filter(|c| FONT.iter().any(|(g, _)| g == c))
        .take(3)
        .collect();
    if chars.is_empty() {
        chars.push(FALLBACK);
    }
    let mut segments = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        glyph_segments(c, i as f32 * (GLYPH_W + GAP), &mut segments);
    }

    // Scale (pixels per glyph unit) so that the text box, strokes included, fits.
    let n = chars.len() as f32;
    let half_w = (n * GLYPH_W + (n - 1.0) * GAP + STROKE) / 2.0;
    let half_h = (GLYPH_H + STROKE) / 2.0;
    let s = size as f32;
    let scale = if maskable {
        (0.38 * s / half_w.hypot(half_h)).min(0.24 * s / half_h)
    } else {
        (0.36 * s / half_w).min(0.27 * s / half_h)
    };
    let (origin_x, origin_y) = (
        s / 2.0 - (half_w - STROKE / 2.0) * scale,
        s / 2.0 - (half_h - STROKE / 2.0) * scale,
    );
    let radius = STROKE / 2.0 * scale;

    // Distance field, filled segment by segment within each segment's bounding box.
    let n_px = size as usize;
    let mut dist = vec![f32::INFINITY; n_px * n_px];
    for &((ax, ay), (bx, by)) in &segments {
        let seg = (
            (origin_x + ax * scale, origin_y + ay * scale),
            (origin_x + bx * scale, origin_y + by * scale),
        );
        let pad = radius + 1.0;
        let bound = |lo: f32, hi: f32| {
            (lo.min(hi) - pad).max(0.0) as usize
                ..((lo.max(hi) + pad).ceil().max(0.0) as usize).min(n_px)
        };
        for y in bound(seg.0 .1, seg.1 .1) {
            for x in bound(seg.0 .0, seg.1 .0) {
                let d = distance((x as f32 + 0.5, y as f32 + 0.5), seg);
                let cell = &mut dist[y * n_px + x];
                *cell = cell.min(d);
            }
        }
    }

    let (r, g, b) = accent;
    let mut rgba = Vec::with_capacity(n_px * n_px * 4);
    for d in dist {
        let cover = (radius - d + 0.5).clamp(0.0, 1.0);
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * cover).round() as u8;
        rgba.extend_from_slice(&[mix(r), mix(g), mix(b), 255]);
    }

    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(&rgba).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_filler_words() {
        assert_eq!(initials("OCMW Herentals"), "H");
        assert_eq!(initials("OCMW – Lokaal dienstencentrum De Wilg"), "W");
        assert_eq!(initials("Gemeente en OCMW Heusden-Zolder"), "HZ");
        assert_eq!(initials("Gemeente Herenthout"), "H");
        assert_eq!(initials("Stad Sint-Niklaas Welzijn"), "SW");
        assert_eq!(initials("Élise"), "E");
        assert_eq!(initials("OCMW"), "O");
        assert_eq!(initials(""), "K");
        assert_eq!(initials(" – ?! "), "K");
    }

    /// The icon step's own accent list before it used the shared fold, letter for
    /// letter: `FROM` to `OLD_TO`. `OLD_TO` had one "o" too many, so that from "ŕ" on
    /// some letters gave the next one's plain letter (ù → t, ý → u); `PLAIN` is right.
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    const OLD_TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnooooooooorrssstuuuuuuuuyyzzz";
    const PLAIN: &str = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    #[test]
    fn accented_letters_give_their_plain_letter_as_initial() {
        assert_eq!(FROM.chars().count(), PLAIN.chars().count());
        for (from, to) in FROM.chars().zip(PLAIN.chars()) {
            let upper: String = from.to_uppercase().collect();
            let expected = to.to_ascii_uppercase().to_string();
            assert_eq!(initials(&format!("Gemeente {from}x")), expected, "{from}");
            assert_eq!(initials(&format!("OCMW {upper}x")), expected, "{upper}");
            // Inside a word, the letter does not split it in two.
            assert_eq!(initials(&format!("Stad a{from}b")), "A", "{from}");
        }
        assert_eq!(initials("Gemeente Łódź-Żabbar"), "LZ");
        assert_eq!(initials("Stad İzmir"), "I");
    }

    #[test]
    fn the_shared_fold_changes_only_what_the_old_list_got_wrong() {
        let before = |c: char| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match FROM.chars().position(|f| f == lower) {
                Some(i) => OLD_TO.chars().nth(i).unwrap_or(c),
                None => c,
            }
        };
        // Each character as the initials see it: a letter or digit, or a separator.
        let cleaned = |c: char| match c {
            c if c.is_ascii_alphanumeric() || c == '-' => c.to_ascii_uppercase(),
            _ => ' ',
        };
        let changed: String = ('\0'..=char::MAX)
            .filter(|&c| cleaned(fold_wide(c)) != cleaned(before(c)))
            .collect();
        // Besides those: "İ" was a separator (its lower case is two characters) and is
        // an I now; the ångström sign (U+212B) was an A and is a symbol now, as the
        // shared lower case covers the Latin letters only, not the symbols' block.
        assert_eq!(changed, "ÙÝùýİŔŕŚśŤťŹź\u{212b}");
    }

    #[test]
    fn every_font_glyph_is_drawn() {
        for (c, _) in FONT {
            let mut segments = Vec::new();
            glyph_segments(*c, 0.0, &mut segments);
            assert!(!segments.is_empty(), "{c}");
        }
    }

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        (info, buf)
    }

    #[test]
    fn png_has_accent_background_and_white_letters() {
        let accent = (0x1d, 0x4e, 0x89);
        for (size, maskable) in [(192, true), (512, false), (64, true)] {
            let (info, px) = decode(&icon_png("HZ", accent, size, maskable));
            assert_eq!((info.width, info.height), (size, size));
            assert_eq!(
                (info.color_type, info.bit_depth),
                (png::ColorType::Rgba, png::BitDepth::Eight)
            );
            assert_eq!(px[..4], [accent.0, accent.1, accent.2, 255]);
            let s = size as usize;
            let white = (s * 3 / 10..s * 7 / 10)
                .flat_map(|y| (s * 3 / 10..s * 7 / 10).map(move |x| (y * s + x) * 4))
                .filter(|&i| px[i] > 240 && px[i + 1] > 240 && px[i + 2] > 240)
                .count();
            assert!(white > s * s / 100, "{size}: only {white} white pixels");
            assert!(px.chunks(4).all(|p| p[3] == 255));
            if maskable {
                let outside_safe_zone = px.chunks(4).enumerate().any(|(i, p)| {
                    let (x, y) = (
                        (i % s) as f32 + 0.5 - s as f32 / 2.0,
                        (i / s) as f32 + 0.5 - s as f32 / 2.0,
                    );
                    p[0] != accent.0 && x.hypot(y) > 0.4 * s as f32
                });
                assert!(!outside_safe_zone, "{size}: letters leave the safe zone");
            }
        }
    }
}
