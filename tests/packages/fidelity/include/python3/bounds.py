# Included into every Python submission (include/python3/); constants replaced.
MAX_VALUE = {{max_value}}
