# Compiled only (tools/build_compiled.py): keyed_in_order as a C function that the modules cimporting it
# (app/parse.py, app/rules.py, app/cli.py) call without a Python call. Plain Python runs app/template.py's
# keyed_in_order, which gives the same answer.
from cpython.object cimport PyObject
from cpython.dict cimport PyDict_Next
from cpython.tuple cimport PyTuple_GET_ITEM


cdef inline bint keys_in_order(dict cells, tuple keys) except -1:
    """Whether `cells` is keyed by exactly `keys`, in that order: each key compared by identity first (the
    templates' own tuples), by == only where that fails; no key hashed, no reference taken. (PyDict_Keys,
    a list of the keys to compare, costs more: the list's references are taken and dropped again.)"""
    cdef Py_ssize_t pos = 0, k = 0, n = len(keys)
    cdef PyObject* key
    cdef PyObject* value
    cdef PyObject* want
    if len(cells) != n:
        return False
    while PyDict_Next(cells, &pos, &key, &value):
        if k >= n:          # (only a key's __eq__ that grows the dict gets here)
            return False
        want = PyTuple_GET_ITEM(keys, k)
        if key != want and not (<object>key == <object>want):
            return False
        k += 1
    return True
