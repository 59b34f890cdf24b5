"""Machine-translation engines behind one small interface, and the choice between them."""
