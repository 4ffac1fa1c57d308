//! The three text sizes a resident can choose ("a | A"), and how the choice is stored.

/// A step of the text size control; applied as the `font-size` of `<html>`, so every
/// `rem` in the style sheet grows with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    /// The `font-size` of the document, in per cent of the browser's own setting.
    pub fn percent(self) -> u16 {
        match self {
            TextSize::Normal => 100,
            TextSize::Large => 125,
            TextSize::Larger => 150,
        }
    }

    /// One step larger; the largest stays the largest.
    pub fn larger(self) -> TextSize {
        match self {
            TextSize::Normal => TextSize::Large,
            TextSize::Large | TextSize::Larger => TextSize::Larger,
        }
    }

    /// One step smaller; the normal size stays normal.
    pub fn smaller(self) -> TextSize {
        match self {
            TextSize::Normal | TextSize::Large => TextSize::Normal,
            TextSize::Larger => TextSize::Large,
        }
    }

    pub fn is_smallest(self) -> bool {
        self == TextSize::Normal
    }

    pub fn is_largest(self) -> bool {
        self == TextSize::Larger
    }

    /// What is kept on the device ("100", "125", "150").
    pub fn stored(self) -> String {
        self.percent().to_string()
    }

    /// Reads a stored value back; anything unknown (an old or edited value) is normal.
    pub fn from_stored(value: Option<&str>) -> TextSize {
        let value = value.map(str::trim).unwrap_or_default();
        TextSize::ALL
            .into_iter()
            .find(|s| s.percent().to_string() == value)
            .unwrap_or_default()
    }

    /// The CSS value for `font-size`.
    pub fn css(self) -> String {
        format!("{}%", self.percent())
    }

    /// What a screen reader announces after a change, and the control shows.
    pub fn label(self) -> String {
        format!("Tekstgrootte {} %", self.percent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_up_and_down_and_stop_at_the_ends() {
        assert_eq!(TextSize::Normal.larger(), TextSize::Large);
        assert_eq!(TextSize::Large.larger(), TextSize::Larger);
        assert_eq!(TextSize::Larger.larger(), TextSize::Larger);
        assert_eq!(TextSize::Larger.smaller(), TextSize::Large);
        assert_eq!(TextSize::Large.smaller(), TextSize::Normal);
        assert_eq!(TextSize::Normal.smaller(), TextSize::Normal);
        assert!(TextSize::Normal.is_smallest() && !TextSize::Normal.is_largest());
        assert!(TextSize::Larger.is_largest() && !TextSize::Larger.is_smallest());
        let percents: Vec<u16> = TextSize::ALL.iter().map(|s| s.percent()).collect();
        assert_eq!(percents, [100, 125, 150]);
    }

    #[test]
    fn the_stored_value_round_trips_and_unknown_values_mean_normal() {
        for size in TextSize::ALL {
            assert_eq!(TextSize::from_stored(Some(&size.stored())), size);
        }
        assert_eq!(TextSize::from_stored(Some(" 150 ")), TextSize::Larger);
        for bad in [None, Some(""), Some("200"), Some("groot"), Some("125%")] {
            assert_eq!(TextSize::from_stored(bad), TextSize::Normal, "{bad:?}");
        }
        assert_eq!(TextSize::Large.css(), "125%");
        assert_eq!(TextSize::Larger.label(), "Tekstgrootte 150 %");
    }
}
