# Compiled only (tools/build_compiled.py): Cell as a C type, its fields read and set directly by the modules that
# cimport it (app/parse.py, app/rules.py, app/cli.py). Plain Python reads app/model.py's class as it is.
cdef class Cell:
    cdef public object raw, state, value, line, notes
