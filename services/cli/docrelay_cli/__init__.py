"""The `docrelay` command: run the whole stack locally and translate PDFs through a gateway."""
