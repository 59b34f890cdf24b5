"""Real Argos Translate language packages, built here for tests from parts that packages ship.

An .argosmodel is a zip of one directory: metadata.json, a CTranslate2 model in model/, the
sentencepiece.model that cuts text into the model's tokens and, for argos-translate-lt, a MiniSBD
sentence splitter in minisbd/. No trained package can be downloaded here, so each part is made with
its own library: SentencePiece's trainer, CTranslate2's model specs filled with numpy weights, and an
ONNX graph. The weights are set, not learned, so that what the package does follows from them: it
enciphers a sentence character by character with the cipher it was built with, and a test can work
out the expected translation on its own.

How the Transformer copies (one layer each side, one head, pre-norm, no final norm): the model
vector has a character block and a position block. The source embedding puts a one-hot character in
the first, the position encodings a one-hot position in the second; the target embedding is zero,
so the decoder state at step t is position t alone. Self-attention and feed-forward layers write
nothing. Cross-attention compares positions only, so step t attends to source position t (the source
ends with </s>, so the copy ends too), and its values bring that source character into the decoder's
character block. The output layer scores target character cipher(c) from source character c.
"""

import io
import json
import string
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnx
import sentencepiece
from ctranslate2.specs import TransformerSpec
from onnx import TensorProto, helper, numpy_helper

# What the tokenizer knows, one piece each: letters of both cases, so that a cipher may change case.
CHARACTERS = string.ascii_letters + string.digits + ".,;:!?'\"()-"
# CTranslate2 decodes up to 256 steps unless told otherwise (argostranslate does not), and beam search
# may take them all after the copy is done: each step needs a position encoding. Sources are shorter.
POSITIONS = 256
# Attention and output scores far enough apart that softmax and beam search pick the one intended.
SHARPNESS = 30.0
SENTENCE_ENDS = ".!?"


def build_package(directory: Path, source: str, target: str, cipher: Callable[[str], str]) -> Path:
    """Write translate-{source}_{target}.argosmodel into `directory`; its model maps each character c
    of CHARACTERS to cipher(c), which must be one of CHARACTERS too."""
    name = f"translate-{source}_{target}-1_0"
    tokenizer = train_tokenizer()
    pieces = [tokenizer.id_to_piece(i) for i in range(tokenizer.get_piece_size())]
    archive = directory / f"translate-{source}_{target}.argosmodel"
    model = directory / f"{name}-model"
    model.mkdir()
    spec = copy_model(pieces, cipher)
    spec.validate()
    spec.optimize()
    spec.save(str(model))
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(f"{name}/metadata.json", json.dumps(metadata(source, target)))
        package.writestr(f"{name}/sentencepiece.model", tokenizer.serialized_model_proto())
        package.writestr(f"{name}/minisbd/sentences.onnx", sentence_splitter().SerializeToString())
        for path in model.iterdir():
            package.write(path, f"{name}/model/{path.name}")
    return archive


def metadata(source: str, target: str) -> dict[str, str]:
    return {
        "package_version": "1.0",
        "argos_version": "1.0",
        "from_code": source,
        "from_name": source.upper(),
        "to_code": target,
        "to_name": target.upper(),
    }


def train_tokenizer() -> sentencepiece.SentencePieceProcessor:
    """A character model (one piece per character, "▁" for the spaces) trained on CHARACTERS."""
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter([" ".join(CHARACTERS)]),
        model_writer=model,
        model_type="char",
        vocab_size=len(CHARACTERS) + 4,  # with <unk>, <s>, </s> and "▁"
        character_coverage=1.0,
        minloglevel=2,
    )
    return sentencepiece.SentencePieceProcessor(model_proto=model.getvalue())


def copy_model(pieces: list[str], cipher: Callable[[str], str]) -> TransformerSpec:
    """The CTranslate2 Transformer that writes cipher(piece) for each source piece, then </s>."""
    size = len(pieces)
    width = size + POSITIONS  # the character block, then the position block
    spec = TransformerSpec.from_config((1, 1), num_heads=1, no_final_norm=True)
    spec.config.add_source_eos = True
    spec.encoder.scale_embeddings = spec.decoder.scale_embeddings = False
    characters = np.eye(size, width, dtype=np.float32)
    positions = np.eye(POSITIONS, width, k=size, dtype=np.float32)
    spec.encoder.embeddings[0].weight = characters
    spec.decoder.embeddings.weight = np.zeros_like(characters)
    spec.encoder.position_encodings.encodings = spec.decoder.position_encodings.encodings = positions
    silence(spec.encoder.layer[0].self_attention, width)
    silence(spec.decoder.layer[0].self_attention, width)
    for layer in (spec.encoder.layer[0], spec.decoder.layer[0]):
        neutral_norm(layer.self_attention.layer_norm, width)
        neutral_norm(layer.ffn.layer_norm, width)
        zero_ffn(layer.ffn, width)
    cross = spec.decoder.layer[0].attention
    neutral_norm(cross.layer_norm, width)
    read_position, read_character = positions.T @ positions, characters.T @ characters
    cross.linear[0].weight, cross.linear[0].bias = SHARPNESS * read_position, np.zeros(width, np.float32)
    cross.linear[1].weight = np.concatenate([read_position, read_character])
    cross.linear[1].bias = np.zeros(2 * width, np.float32)
    cross.linear[2].weight, cross.linear[2].bias = read_character, np.zeros(width, np.float32)
    spec.decoder.projection.weight = SHARPNESS * enciphering(pieces, cipher) @ characters
    spec.decoder.projection.bias = np.zeros(size, np.float32)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


def enciphering(pieces: list[str], cipher: Callable[[str], str]) -> np.ndarray:
    """The permutation matrix from source piece to target piece; "▁" and the specials map to themselves."""
    index = {piece: i for i, piece in enumerate(pieces)}
    matrix = np.zeros((len(pieces), len(pieces)), np.float32)
    for i, piece in enumerate(pieces):
        matrix[index[cipher(piece)] if piece in CHARACTERS else i, i] = 1.0
    return matrix


def silence(attention: object, width: int) -> None:
    """An attention layer that adds nothing to the residual stream."""
    attention.linear[0].weight = np.zeros((3 * width, width), np.float32)  # type: ignore[attr-defined]
    attention.linear[0].bias = np.zeros(3 * width, np.float32)  # type: ignore[attr-defined]
    attention.linear[1].weight = np.zeros((width, width), np.float32)  # type: ignore[attr-defined]
    attention.linear[1].bias = np.zeros(width, np.float32)  # type: ignore[attr-defined]


def zero_ffn(ffn: object, width: int) -> None:
    ffn.linear_0.weight = np.zeros((width, width), np.float32)  # type: ignore[attr-defined]
    ffn.linear_0.bias = np.zeros(width, np.float32)  # type: ignore[attr-defined]
    ffn.linear_1.weight = np.zeros((width, width), np.float32)  # type: ignore[attr-defined]
    ffn.linear_1.bias = np.zeros(width, np.float32)  # type: ignore[attr-defined]


def neutral_norm(norm: object, width: int) -> None:
    norm.gamma = np.ones(width, np.float32)  # type: ignore[attr-defined]
    norm.beta = np.zeros(width, np.float32)  # type: ignore[attr-defined]


def sentence_splitter() -> onnx.ModelProto:
    """A MiniSBD model that ends a sentence after each of SENTENCE_ENDS and a token after every other
    character: a lookup of one row of class scores per character of its vocabulary."""
    units = ["<PAD>", "<UNK>", *SENTENCE_ENDS]
    token_end, sentence_end = np.eye(5, dtype=np.float32)[1], np.eye(5, dtype=np.float32)[2]
    scores = np.stack([sentence_end if unit in SENTENCE_ENDS else token_end for unit in units])
    graph = helper.make_graph(
        [helper.make_node("Gather", ["scores", "units"], ["logits"])],
        "sentence-ends",
        inputs=[
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "length", 0]),
        ],
        outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "length", 5])],
        initializer=[numpy_helper.from_array(scores, "scores")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # not this onnx release's newest, so that older onnxruntime releases read it too
    vocab = {"lang": "", "idx": 0, "cutoff": 0, "lower": False, "_id2unit": units}
    vocab["_unit2id"] = {unit: i for i, unit in enumerate(units)}
    helper.set_model_props(model, {"config": json.dumps({"feat_funcs": []}), "vocab": json.dumps(vocab)})
    return model
