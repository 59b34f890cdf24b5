"""The translate stage: sends a document's translatable text to a machine-translation engine."""
