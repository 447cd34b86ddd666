"""The facts store: entries become visible on commit, packs stay few, dead entries go."""

from __future__ import annotations

from pathlib import Path

import pytest

from lamina.cache.facts_codec import encode_facts
from lamina.cache.facts_store import MAX_PACKS, FactsStore
from lamina.extract import extract_facts


def payload(number: int) -> tuple[str, bytes]:
    data = f"import module_{number}\nvalue = call_{number}()\n".encode()
    return f"{number:064x}", encode_facts(extract_facts(data))


def packs(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.pack"))


def test_entries_are_visible_only_after_commit(tmp_path: Path) -> None:
    writer = FactsStore(str(tmp_path), "v")
    content_hash, raw = payload(1)
    writer.add(content_hash, raw)
    assert FactsStore(str(tmp_path), "v").load(content_hash) is None
    writer.commit({content_hash})
    loaded = FactsStore(str(tmp_path), "v").load(content_hash)
    assert loaded is not None and loaded.imports[0].module == "module_1" and loaded.calls[0].text == "call_1"
    assert len(packs(tmp_path)) == 1 and not list(tmp_path.rglob(".tmp-*"))


def test_many_runs_are_merged_into_few_packs(tmp_path: Path) -> None:
    live: set[str] = set()
    for number in range(3 * MAX_PACKS):
        store = FactsStore(str(tmp_path), "v")
        content_hash, raw = payload(number)
        store.add(content_hash, raw)
        live.add(content_hash)
        store.commit(live)
        assert len(packs(tmp_path)) <= MAX_PACKS + 1
    store = FactsStore(str(tmp_path), "v")
    assert all(store.load(h) is not None for h in live)


def test_entries_no_file_uses_are_dropped_once_they_outweigh_the_live_ones(tmp_path: Path) -> None:
    old = [payload(n) for n in range(10)]
    store = FactsStore(str(tmp_path), "v")
    for content_hash, raw in old:
        store.add(content_hash, raw)
    store.commit({h for h, _ in old})
    fresh_hash, fresh = payload(99)
    store = FactsStore(str(tmp_path), "v")
    store.add(fresh_hash, fresh)
    store.commit({fresh_hash, old[0][0]})  # the code base changed: one old file is left
    reader = FactsStore(str(tmp_path), "v")
    assert reader.load(fresh_hash) is not None and reader.load(old[0][0]) is not None
    assert all(reader.load(h) is None for h, _ in old[1:])
    assert len(packs(tmp_path)) == 1
    assert sum(p.stat().st_size for p in packs(tmp_path)) == len(fresh) + len(old[0][1])


def test_a_run_that_adds_nothing_writes_nothing(tmp_path: Path) -> None:
    FactsStore(str(tmp_path), "v").commit(set())
    assert not list(tmp_path.rglob("*"))


def test_a_failed_write_publishes_nothing_of_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FactsStore(str(tmp_path), "v")
    first_hash, first = payload(1)
    store.add(first_hash, first)
    writer = store._writer
    assert writer is not None

    def disk_full(data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.handle, "write", disk_full)
    second_hash, second = payload(2)
    store.add(second_hash, second)
    store.add(*payload(3))
    store.commit({first_hash, second_hash})
    reader = FactsStore(str(tmp_path), "v")
    assert reader.load(first_hash) is None and reader.load(second_hash) is None
    assert not packs(tmp_path) and not list(tmp_path.rglob(".tmp-*"))


def test_runs_that_overlap_keep_each_others_entries(tmp_path: Path) -> None:
    first, second = FactsStore(str(tmp_path), "v"), FactsStore(str(tmp_path), "v")
    (first_hash, first_raw), (second_hash, second_raw) = payload(1), payload(2)
    assert first.load(first_hash) is None and second.load(second_hash) is None  # both read the empty index
    first.add(first_hash, first_raw)
    second.add(second_hash, second_raw)
    first.commit({first_hash, second_hash})
    second.commit({first_hash, second_hash})
    reader = FactsStore(str(tmp_path), "v")
    assert reader.load(first_hash) is not None and reader.load(second_hash) is not None


OLD_CODEC_ENTRY = b'[3,"ok",null,null,[],[],[],[],null,false,1,null]'  # a facts schema 3 (JSON) entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 0x01]),  # a flipped bit in the code part
        lambda raw: raw[:1] + b"\xff" + raw[2:],  # a core length beyond the entry
        lambda raw: b"X" + raw[1:],  # an unknown format
        lambda raw: OLD_CODEC_ENTRY.ljust(len(raw), b" "),
        lambda raw: bytes(len(raw)),  # zeroed (a file system that lost the data)
    ],
)
def test_a_damaged_entry_in_a_pack_is_a_miss(tmp_path: Path, damage: object) -> None:
    store = FactsStore(str(tmp_path), "v")
    content_hash, raw = payload(1)
    store.add(content_hash, raw)
    store.commit({content_hash})
    (pack,) = packs(tmp_path)
    assert pack.read_bytes() == raw
    pack.write_bytes(damage(raw))  # type: ignore[operator]
    assert FactsStore(str(tmp_path), "v").load(content_hash) is None


def test_a_truncated_pack_is_a_miss(tmp_path: Path) -> None:
    store = FactsStore(str(tmp_path), "v")
    content_hash, raw = payload(1)
    store.add(content_hash, raw)
    store.commit({content_hash})
    (pack,) = packs(tmp_path)
    for size in range(len(raw)):
        pack.write_bytes(raw[:size])
        assert FactsStore(str(tmp_path), "v").load(content_hash) is None, size
