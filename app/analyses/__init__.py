"""Gap analysis and synthesis note (CP4, issue 19): see README.md."""
