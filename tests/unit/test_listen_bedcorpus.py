"""The development corpus's people under room beds: only people get one, under the scene and the line after it."""

from __future__ import annotations

import json

import numpy as np

from agent.audio import read_wav_8k, write_wav
from scripts.bench_listen import AMD_TAIL_S
from scripts.listen_bedcorpus import BEDS, build


def test_each_person_is_heard_under_each_bed_at_its_level_and_nothing_else_is(tmp_path):
    corpus, out = tmp_path / "dev", tmp_path / "bed"
    corpus.mkdir()
    voice = (np.sin(2 * np.pi * 220 * np.arange(8000) / 8000) * 8000).astype(np.int16)
    quiet = np.zeros(16000, dtype=np.int16)
    write_wav(corpus / "answer-01.wav", np.concatenate([quiet, voice, quiet]), 8000)
    write_wav(corpus / "answer-02.wav", np.concatenate([voice, quiet]), 8000)
    items = [{"file": "answer-01.wav", "kind": "amd", "answer": "person", "seconds": 5.0, "greeting_end_t": 3.0,
              "segments": [{"start": 0.0, "end": 5.0, "label": "silence"}], "meta": {"text": "Hi."}},
             {"file": "answer-02.wav", "kind": "amd", "answer": "machine", "seconds": 3.0, "meta": {}},
             {"file": "hold-01.wav", "kind": "hold", "seconds": 60.0}]
    (corpus / "manifest.json").write_text(json.dumps({"items": items, "robustness": [{"file": "x.wav"}]}))
    assert build(corpus, out, -40.0) == len(BEDS)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [i["file"] for i in manifest["items"]] == [f"answer-01-{bed}.wav" for bed in BEDS]
    assert manifest["robustness"] == [] and manifest["bed_level_dbfs"] == -40.0
    for item in manifest["items"]:
        assert item["answer"] == "person" and item["segments"] == [] and item["greeting_end_t"] == 3.0
        assert item["meta"]["text"] == "Hi." and item["meta"]["bed"]["level_dbfs"] == -40.0
        pcm = read_wav_8k(out / item["file"]).astype(np.float64)
        assert len(pcm) / 8000 == item["seconds"] == 5.0 + AMD_TAIL_S
        bed = np.concatenate([pcm[: 2 * 8000], pcm[3 * 8000 :]])  # all but the voice: the bed alone
        assert abs(20 * np.log10(np.sqrt(np.mean(bed**2)) / 32768) + 40.0) < 6.0  # (a 14 s stretch of a 60 s bed)
