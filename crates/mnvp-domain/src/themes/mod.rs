//! Thematic analysis (guidance 2.13): codebooks, how coders' decisions combine into labels,
//! agreement between coders, and the counting behind the trend views. Pure rules; the text
//! models live in `mnvp-text` and the records in `mnvp-store`.

pub mod agreement;
pub mod builtin;
pub mod codebook;
pub mod codebook_file;
pub mod labels;
pub mod trends;

/// Sentiment as coded: 1 very positive … 5 very negative (the QDC convention).
pub const SENTIMENTS: [(u8, &str); 5] = [
    (1, "Very positive"),
    (2, "Positive"),
    (3, "Neutral or mixed"),
    (4, "Negative"),
    (5, "Very negative"),
];

/// The label of a sentiment value, or "Not given".
pub fn sentiment_label(value: Option<u8>) -> &'static str {
    value
        .and_then(|v| SENTIMENTS.iter().find(|(s, _)| *s == v))
        .map_or("Not given", |(_, l)| l)
}
