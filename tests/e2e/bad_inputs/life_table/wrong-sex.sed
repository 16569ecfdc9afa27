# sex label 'Males'
4s/,male,/,Males,/
