# re-saved with Unix (LF) line endings
s/\r$//
