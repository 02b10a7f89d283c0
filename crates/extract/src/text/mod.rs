//! Text preparation, the first arrows of the data flow: raw article -> clean text (site chrome
//! blanked, quotes and dashes straightened) -> sentences -> dates.
//!
//! Cleaning maps every character to exactly one character, so a character offset into the clean
//! text is the same offset into the article as it was read: evidence spans point at the original.

pub mod clean;
pub mod dates;
pub mod sentences;

pub use clean::clean;
pub use dates::{Date, DateMention, dateline, find_dates};
pub use sentences::{Sentence, split_sentences};
