//! Full UK postcodes ("NR4 7UY", "nr47uy", "SW1A 1AA").
//!
//! The outward code must start with a real postcode area, which keeps look-alikes such
//! as ward bay numbers from being redacted while accepting any case and spacing.

use regex::Regex;
use std::sync::LazyLock;

static POSTCODE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([A-Z]{1,2})([0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})\b").ok()
});

/// The 121 postcode areas of the UK (plus the Crown dependencies).
const AREAS: &str = "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY \
E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML \
N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS \
TW UB W WA WC WD WF WN WR WS WV YO ZE";

/// Byte spans of full postcodes.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let Some(re) = POSTCODE.as_ref() else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter(|c| {
            let area = c
                .get(1)
                .map(|m| m.as_str().to_ascii_uppercase())
                .unwrap_or_default();
            AREAS.split(' ').any(|a| a == area)
        })
        .filter_map(|c| c.get(0).map(|m| (m.start(), m.end())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_postcodes_in_any_case_and_spacing() {
        assert_eq!(find("at NR4 7UY today").len(), 1);
        assert_eq!(find("at nr47uy").len(), 1);
        assert_eq!(find("SW1A 1AA").len(), 1);
        assert!(find("QQ1 1AA").is_empty());
        assert!(find("bay 4 room 12").is_empty());
    }
}
