"""Stage 4, plans to files: card formats (:mod:`.cards`) and schedule formats (:mod:`.schedule`)."""
