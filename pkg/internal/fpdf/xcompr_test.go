// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"math/rand"
	"sync"
	"testing"
)

// TestCompressReusesWriters checks that compress, whose zlib writers are
// reused, gives the bytes of a new writer for every stream, when streams
// of different sizes and contents follow each other on several goroutines.
func TestCompressReusesWriters(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(seed))
			for i := 0; i < 50; i++ {
				data := make([]byte, rnd.Intn(200000))
				for j := range data {
					data[j] = byte('a' + rnd.Intn(1+i%26)) // from uniform to compressible
				}
				var want bytes.Buffer
				zw, err := zlib.NewWriterLevel(&want, zlib.BestSpeed)
				if err != nil {
					t.Error(err)
					return
				}
				zw.Write(data)
				zw.Close()
				mem := xmem.compress(data)
				if !bytes.Equal(mem.bytes(), want.Bytes()) {
					t.Errorf("stream %d (%d bytes): compress differs from a new zlib writer", i, len(data))
				}
				mem.release()
			}
		}(int64(g))
	}
	wg.Wait()
}

func BenchmarkCompress(b *testing.B) {
	data := bytes.Repeat([]byte("BT /F1 9.00 Tf ET 0.000 0.000 0.000 rg "), 200)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		xmem.compress(data).release()
	}
}
