# a blank line between records (after line 100)
100{p;s/.*/\r/}
