"""OCR of scanned pages with Tesseract: page image -> words -> lines -> blocks of the document model."""
