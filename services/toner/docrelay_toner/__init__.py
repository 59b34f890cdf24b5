"""The tone stage: rewrites translated text in a formal or informal register, with a chat model when one
is configured and by explicit rules otherwise; a tone the translation engine wrote is left as it is."""
