"""The wording, without Textual: narration, formulas, number formats, predict-mode questions and advice."""
