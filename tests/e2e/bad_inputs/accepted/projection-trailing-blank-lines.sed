# two blank lines at the end
$s/$/\n\r\n\r/
