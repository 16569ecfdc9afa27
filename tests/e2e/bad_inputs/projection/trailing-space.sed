# a trailing space after a number (a padded export)
5s/,7391\.395\r$/,7391.395 \r/
