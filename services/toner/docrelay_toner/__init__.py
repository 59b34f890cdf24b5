"""The tone stage: rewrites translated text in a formal or informal register, by explicit rules."""
