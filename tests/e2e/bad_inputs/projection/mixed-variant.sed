# one row from another projection variant
5s/migration category variant/5-year migration variant/
