"""The HTTP front door: accepts PDFs, starts jobs, serves their status and results."""
