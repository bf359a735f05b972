"""One module per command; each imports what it needs inside its body."""
