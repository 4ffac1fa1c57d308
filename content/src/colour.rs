//! The accent colour of an organisation: how it is written, and whether text on it
//! (and it on the white page) can be read.

/// WCAG 2.1 AA contrast for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// [`MIN_CONTRAST`] as messages write it.
pub const MIN_CONTRAST_TEXT: &str = "4.5";

/// A contrast ratio with two decimals ("3.07"), as `{:.2}` writes it, without the
/// float formatting that `{:.2}` brings into the wasm (9.5 KB; BENCHMARKS.md, issue 13).
pub fn format_ratio(ratio: f64) -> String {
    let hundredths = (ratio * 100.0).round() as u32;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `#rrggbb` to its three channels.
pub fn parse_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// WCAG 2.1 contrast ratio of two sRGB colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_written_as_two_decimals_write_them() {
        assert_eq!(MIN_CONTRAST_TEXT, MIN_CONTRAST.to_string());
        for r in (0..=255u8).step_by(3) {
            for g in (0..=255u8).step_by(17) {
                for b in (0..=255u8).step_by(51) {
                    let ratio = contrast((r, g, b), (255, 255, 255));
                    assert_eq!(format_ratio(ratio), format!("{ratio:.2}"), "{r} {g} {b}");
                }
            }
        }
        assert_eq!(format_ratio(21.0), "21.00");
        assert_eq!(format_ratio(1.0), "1.00");
    }
}
