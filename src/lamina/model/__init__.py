"""Floor 1: the frozen data every stage exchanges. Imports nothing from lamina.

Records are typed ``NamedTuple``s rather than frozen dataclasses: immutable with value
equality all the same, but a dataclass class costs ~0.7 ms to create (six generated
functions compiled per class) and a check imports some 80 of them, which was a third of
an incremental run. For the same reason these modules do not use ``from __future__
import annotations``: a string annotation costs a ``compile`` per field at class creation.
"""
