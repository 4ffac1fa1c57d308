//! The enterprise number (ondernemingsnummer, the KBO number) of an organisation: ten
//! digits, the last two a modulo-97 check of the first eight. Editors may write it the
//! usual ways ("0208.038.769", "0208 038 769", "0208038769", "BE 0208.038.769").

/// Why a written enterprise number is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnterpriseNumberError {
    /// Something else than digits, spaces, dots (and a leading "BE").
    NotDigits,
    /// Not ten digits; how many there are.
    Length(usize),
    /// The last two digits are not 97 − (the first eight mod 97); what they should be.
    CheckDigits { expected: u64 },
}

/// The ten digits of `written`, checked.
pub fn parse_enterprise_number(written: &str) -> Result<String, EnterpriseNumberError> {
    let trimmed = written.trim();
    let rest = trimmed
        .strip_prefix("BE")
        .or_else(|| trimmed.strip_prefix("be"))
        .unwrap_or(trimmed);
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ' ')
    {
        return Err(EnterpriseNumberError::NotDigits);
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 10 {
        return Err(EnterpriseNumberError::Length(digits.len()));
    }
    let (base, check) = digits.split_at(8);
    let base: u64 = base.parse().expect("eight digits");
    let check: u64 = check.parse().expect("two digits");
    let expected = 97 - base % 97;
    if check != expected {
        return Err(EnterpriseNumberError::CheckDigits { expected });
    }
    Ok(digits)
}

/// "0208.038.769", as the KBO writes it; `None` when `written` is not a valid number.
pub fn format_enterprise_number(written: &str) -> Option<String> {
    let d = parse_enterprise_number(written).ok()?;
    Some(format!("{}.{}.{}", &d[..4], &d[4..7], &d[7..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnterpriseNumberError::*;

    #[test]
    fn the_usual_writings_of_a_valid_number_are_accepted() {
        for written in [
            "0208038769",
            "0208.038.769",
            "0208 038 769",
            "BE 0208.038.769",
            "BE0208038769",
            " 0208.038.769 ",
        ] {
            assert_eq!(
                parse_enterprise_number(written),
                Ok("0208038769".into()),
                "{written}"
            );
            assert_eq!(
                format_enterprise_number(written).as_deref(),
                Some("0208.038.769")
            );
        }
        // 97 − (12345678 mod 97) = 97 − 3 = 94; a remainder of 0 gives check 97.
        assert!(parse_enterprise_number("1234.567.894").is_ok());
        assert_eq!(
            parse_enterprise_number("0000000097"),
            Ok("0000000097".into())
        );
    }

    #[test]
    fn wrong_check_digits_are_refused_with_the_right_ones() {
        assert_eq!(
            parse_enterprise_number("0208.038.768"),
            Err(CheckDigits { expected: 69 })
        );
        assert_eq!(
            parse_enterprise_number("0208038796"),
            Err(CheckDigits { expected: 69 })
        );
        assert_eq!(format_enterprise_number("0208.038.768"), None);
    }

    #[test]
    fn a_wrong_length_is_refused() {
        assert_eq!(parse_enterprise_number("208.038.769"), Err(Length(9)));
        assert_eq!(parse_enterprise_number("00208.038.769"), Err(Length(11)));
    }

    #[test]
    fn letters_and_other_signs_are_refused() {
        for written in [
            "0208.O38.769",
            "0208-038-769",
            "NL0208038769",
            "",
            "BE",
            "ABC",
        ] {
            assert_eq!(
                parse_enterprise_number(written),
                Err(NotDigits),
                "{written}"
            );
        }
    }
}
