;; The line scanner's special bytes, found sixteen at a time (WebAssembly SIMD).
;;
;; find(from, len, out, d) writes, as i32s from byte `out` on, the position of
;; every byte in memory[from, len) that is the delimiter `d`, a quote, LF or
;; CR, in ascending order, and returns how many it wrote. The core's work
;; buffer is the memory from offset 0 (special-bytes.ts creates and lays it
;; out), so a position is also the byte's index in that buffer.
;;
;; Each block of 16 bytes is compared with the four bytes at once, the matches
;; become a 16-bit mask, and the first four matches are written without a
;; branch (a block of the bench file holds ~1.5 on average; writes past the
;; count are overwritten by the next block's). Reads run up to 15 bytes past
;; `len` and writes up to 16 bytes past the last position: the layout leaves
;; room for both.
;;
;; Assembled into special-bytes-wasm.ts by `npm run wasm` (scripts/build-wasm.mjs).
(module
  (import "core" "memory" (memory 1))
  (func (export "find") (param $from i32) (param $len i32) (param $out i32) (param $d i32) (result i32)
    (local $i i32)
    (local $mask i32)
    (local $count i32)
    (local $o i32)
    (local $w i32)
    (local $delim v128)
    (local $v v128)
    (local.set $delim (i8x16.splat (local.get $d)))
    (local.set $o (local.get $out))
    (local.set $i (local.get $from))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $mask
          (i8x16.bitmask
            (v128.or
              (v128.or
                (i8x16.eq (local.get $v) (local.get $delim))
                (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34)))
              (v128.or
                (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
                (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13))))))
        ;; the last block: nothing at or past len
        (if (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $len))
          (then
            (local.set $mask
              (i32.and
                (local.get $mask)
                (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $len) (local.get $i))) (i32.const 1))))))
        (local.set $count (i32.popcnt (local.get $mask)))
        ;; the first four matches, whether or not there are four (ctz of 0 is 32)
        (i32.store (local.get $o) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
        (i32.store offset=4 (local.get $o) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
        (i32.store offset=8 (local.get $o) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
        (i32.store offset=12 (local.get $o) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
        ;; more than four: the rest one by one
        (if (i32.gt_u (local.get $count) (i32.const 4))
          (then
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (local.set $w (i32.add (local.get $o) (i32.const 16)))
            (loop $rest
              (i32.store (local.get $w) (i32.add (local.get $i) (i32.ctz (local.get $mask))))
              (local.set $w (i32.add (local.get $w) (i32.const 4)))
              (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
              (br_if $rest (local.get $mask)))))
        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $count) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (i32.shr_u (i32.sub (local.get $o) (local.get $out)) (i32.const 2))))
