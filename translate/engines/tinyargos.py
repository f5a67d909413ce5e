"""Build a tiny random-weight ``.argosmodel`` offline, for tests and benchmarks.

A real Argos model is hundreds of megabytes and must be downloaded; this one is built in a
fraction of a second from local text: a SentencePiece model trained on that text, a one-layer
Transformer with random weights saved through CTranslate2's converter API, and the
``metadata.json`` Argos packages carry. It translates badly (randomly) but exercises every code
path of the engine: installing, loading, batching, and forcing terms in the decoder, which must
hold whatever the weights are.

Needs the ``argos`` extra (ctranslate2, sentencepiece); imported only by who calls it.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

SPECIAL_TOKENS = ("<blank>", "<unk>", "<s>", "</s>")


def _train_sentencepiece(corpus: Path, prefix: Path, vocab_size: int) -> list[str]:
    """Train a unigram SentencePiece model on ``corpus``; return its ordinary pieces."""
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    proc = spm.SentencePieceProcessor(model_file=str(prefix) + ".model")
    return [
        proc.id_to_piece(i)
        for i in range(proc.get_piece_size())
        if not (proc.is_control(i) or proc.is_unknown(i))
    ]


def _random_transformer(vocab: list[str], d_model: int, num_layers: int, num_heads: int,
                        seed: int) -> Any:
    """A CTranslate2 Transformer spec with small random weights and ``vocab`` on both sides."""
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    ffn = 2 * d_model
    size = len(vocab)

    def w(*shape: int) -> Any:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    def norm(ln: Any) -> None:
        ln.gamma = np.ones(d_model, dtype=np.float32)
        ln.beta = np.zeros(d_model, dtype=np.float32)

    def feed_forward(spec: Any) -> None:
        norm(spec.layer_norm)
        spec.linear_0.weight = w(ffn, d_model)
        spec.linear_1.weight = w(d_model, ffn)

    spec = TransformerSpec.from_config(num_layers, num_heads)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = w(size, d_model)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d_model, d_model)  # fused q, k, v
        layer.self_attention.linear[1].weight = w(d_model, d_model)
        feed_forward(layer.ffn)
    norm(enc.layer_norm)
    dec.embeddings.weight = w(size, d_model)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d_model, d_model)
        layer.self_attention.linear[1].weight = w(d_model, d_model)
        norm(layer.attention.layer_norm)
        layer.attention.linear[0].weight = w(d_model, d_model)  # q
        layer.attention.linear[1].weight = w(2 * d_model, d_model)  # fused k, v
        layer.attention.linear[2].weight = w(d_model, d_model)
        feed_forward(layer.ffn)
    norm(dec.layer_norm)
    dec.projection.weight = w(size, d_model)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_tiny_package(
    out: Path,
    corpus: Path,
    *,
    from_code: str = "en",
    to_code: str = "es",
    vocab_size: int = 400,
    d_model: int = 32,
    num_layers: int = 1,
    num_heads: int = 2,
    seed: int = 0,
    metadata_extra: dict[str, Any] | None = None,
) -> Path:
    """Write a random-weight ``.argosmodel`` for ``from_code``->``to_code`` to ``out``.

    The zip holds ``<name>/metadata.json``, ``<name>/model/`` (CTranslate2) and
    ``<name>/sentencepiece.model``, like the packages of the Argos index.
    """
    from ctranslate2.converters import Converter

    name = f"translate-{from_code}_{to_code}-tiny"
    with tempfile.TemporaryDirectory(prefix="tinyargos-") as tmp:
        root = Path(tmp) / name
        root.mkdir()
        pieces = _train_sentencepiece(corpus, root / "sentencepiece", vocab_size)
        (root / "sentencepiece.vocab").unlink()
        spec = _random_transformer(list(SPECIAL_TOKENS) + pieces, d_model, num_layers,
                                   num_heads, seed)

        class _SpecConverter(Converter):  # the converter API saves a spec we built by hand
            def _load(self) -> Any:
                return spec

        _SpecConverter().convert(str(root / "model"), force=True)
        metadata = {
            "package_version": "0.0.1",
            "argos_version": "1.9.0",
            "from_code": from_code,
            "from_name": from_code,
            "to_code": to_code,
            "to_name": to_code,
            "type": "translate",
            "description": "tiny random-weight model for glosa's tests (translates nonsense)",
            **(metadata_extra or {}),
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(tmp).as_posix())
    return out
