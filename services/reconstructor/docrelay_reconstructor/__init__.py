"""Rebuilds the PDF: the translated text set over the source pages, whose own text is removed."""
