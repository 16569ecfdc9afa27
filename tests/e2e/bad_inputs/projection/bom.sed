# UTF-8 byte-order mark at the start (Excel 'CSV UTF-8')
1s/^/\xEF\xBB\xBF/
