"""The extract stage: normalizes an uploaded PDF and turns it into a versioned Document of text blocks."""
