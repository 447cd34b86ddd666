"""LAM302 undeclared-domain-dependency

What it catches:
    An operation whose handler reaches a domain its ``cross_domain_deps`` does not declare.
    The handler definition is the decorated class/function, or the handler argument
    (``Handler()``, ``Handler``, ``handler``) resolved to a top-level class or function of
    the registering module or of the module it is imported from; otherwise that whole
    module. Its reach is call-level - what the definition's code uses and calls:

    - the imports inside the definition (lazy ones included, ``TYPE_CHECKING`` ones never)
      and the module-level imports whose name its code mentions (an import no code of the
      handler uses is not charged to it);
    - literal ``domain_access`` calls inside it (``ctx.domains.get("billing")``);
    - the classes and functions of its own module that it mentions, followed the same way;
    - calls into ``follow_roles`` modules (coordinators, bridges), resolved through imports,
      aliases and package ``__init__`` re-exports to the definition called, followed the
      same way: ``f()`` → ``f``; ``Bridge().lessons()``, ``Bridge.lessons()`` and
      ``b = Bridge(); b.lessons()`` → ``Bridge.__init__`` and ``Bridge.lessons``; a
      factory's ``get_bridge().lessons()`` → ``get_bridge`` and ``lessons`` of the classes
      it instantiates; ``self.method()`` → that method. An instance that escapes (stored on
      ``self``, passed on, used other than through method calls) and a method the class does
      not define itself charge the whole class.
    - **Fallback**: a call that leads into a follow-role module but to no definition of it
      (a module-level instance of that module, an unknown attribute, a longer chain)
      charges that module as a whole: all its imports, plus what its code calls.

    The operation's own domain never counts, nor do domain-access names outside the derived
    domain set. Declared domains are the first segments of the declared entries, mapped
    through ``aliases``. Calls on parameters and attributes (``self._bridge.x()``) lead
    nowhere by themselves: what they reach is charged where the object is made.

    Two handler classes of one module share no imports they do not both use; an import in a
    class body belongs to that class. An absent declaration declares nothing (LAM301 reports
    it as well); a declaration that is not a literal list, or a name that is not a literal,
    is left to LAM301.

    Which calls are registrations: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    The declaration is what reviewers and the runtime trust. A handler that quietly reaches
    another domain couples the domains without anyone having agreed to it.

How to fix:
    Declare the domain (``cross_domain_deps=["billing.charge"]``) if the dependency is
    intended; otherwise remove the import or the domain access from the handler.

Fix:
    safe. ``lamina fix`` adds each missing domain after the last entry of the literal
    list, keeping its layout (one line stays one line, one entry per line stays one entry per
    line) and its quotes; together with LAM303 on the same registration the list becomes
    exactly the reached domains.

Options:
    none (the patterns and ``follow_roles`` come from the pack's ``operations`` section)

Example:
    class QueryOrdersHandler:
        def execute(self, ctx):
            from app.hoc.cus.billing.L5_engines.payment_engine import PaymentEngine
            ...
    registry.register("orders.query", QueryOrdersHandler(), cross_domain_deps=[])
    # LAM302 operation 'orders.query' reaches undeclared domains: billing

    class LessonsHandler:  # PolicyBridge's file imports controls, lessons and logs
        def execute(self, ctx):
            PolicyBridge().lessons(ctx)  # only this method's domain counts
    registry.register("policies.lessons", LessonsHandler(), cross_domain_deps=["lessons"])
    # clean: lessons is declared; controls and logs are not reached
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import DepsState, declared_domains, owning_domain
from lamina.layout.reach import ReachModel
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations


def check(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.project.operations
    if spec is None:
        return
    model = ReachModel(ctx.import_index, spec)
    for registration in scoped_registrations(ctx):
        if registration.name is None or registration.deps_state is DepsState.NOT_LITERAL:
            continue
        if owning_domain(registration.name, spec, ctx.import_index.domains) is None:
            continue  # no owning domain: LAM308 reports the operation once
        missing = model.actual_domains(registration) - declared_domains(registration, spec)
        if missing:
            message = f"operation '{registration.name}' reaches undeclared domains: {', '.join(sorted(missing))}"
            yield ctx.call_finding(registration.path, registration.fact, message)


SPEC = RuleSpec(
    code="LAM302",
    name="undeclared-domain-dependency",
    family="operations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
