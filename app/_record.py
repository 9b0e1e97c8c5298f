"""Base classes for the core's plain data records: what @dataclass gave them, without its cost.

`dataclasses` imports `inspect` (~13 ms) and building each frozen dataclass takes 1–2 ms; the command
line pays that once per batch and the window once per launch. A record class lists its fields in
__slots__, in constructor order, and writes its own __init__ taking them in that order. It gets:
equality by fields between records of the same class, a dataclass-like repr, `replace(**changes)`
(dataclasses.replace), and pickling/copying. `Frozen` records also hash by their fields and refuse
assignment (AttributeError, as dataclasses.FrozenInstanceError is); their __init__ sets fields with
`set_field`. A plain `Record` is unhashable, as an eq dataclass is. A class may list its fields in
`_fields` and keep further slots for state derived from them (look-up tables built once).
"""

from operator import attrgetter

__all__ = ["Record", "Frozen", "set_field"]

set_field = object.__setattr__


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The fields are the slots, unless the class names them in `_fields` (its other slots then hold
        # state derived from the fields, set in __init__, outside equality, repr and pickling).
        fields = cls.__dict__.get("_fields") or tuple(cls.__slots__)
        if not fields:              # an abstract base such as Frozen
            return
        cls._fields = fields
        get = attrgetter(*fields)
        cls._values = get if len(fields) > 1 else staticmethod(lambda record: (get(record),))

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values(self) == other._values(other)
        return NotImplemented

    def __repr__(self):
        args = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(self)))
        return f"{self.__class__.__qualname__}({args})"

    def __reduce__(self):
        return self.__class__, self._values(self)

    def replace(self, **changes):
        """A copy with the given fields changed."""
        values = dict(zip(self._fields, self._values(self)))
        values.update(changes)
        return self.__class__(**values)


class Frozen(Record):
    __slots__ = ()

    def __hash__(self):
        return hash(self._values(self))

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")
