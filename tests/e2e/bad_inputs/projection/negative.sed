# a negative population
5s/,7391\.395\r$/,-7391.395\r/
